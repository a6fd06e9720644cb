// The timeline's rows in the webview, under plain Node: a request, its progress and its response
// share a row; filters; the limit drops the oldest rows without rebuilding.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewTimelineEvent, TimelineEvent } from '../../src/shared/model';
import { DEFAULT_FILTER, TimelineModel } from '../../webview/state/timelineModel';

let nextSeq = 1;
function event(fields: NewTimelineEvent): TimelineEvent {
  return { ...fields, seq: nextSeq++ } as TimelineEvent;
}
const base = { time: 0, serverId: 'calc' };
const request = (requestId: number, serverId = 'calc') => event({ ...base, serverId, kind: 'request', requestId, method: 'tools/call' });
const progress = (requestId: number, value: number) => event({ ...base, kind: 'progress', requestId, progress: value, total: 10 });
const response = (requestId: number) => event({ ...base, kind: 'response', requestId, method: 'tools/call', durationMs: 5 });
const log = (data: string, level: 'debug' | 'info' | 'error' = 'info') => event({ ...base, kind: 'log', level, data });

describe('TimelineModel', () => {
  test('a request, its progress and its response are one row; a reused id after a new session opens a new row', () => {
    const model = new TimelineModel(1000);
    const first = request(1);
    model.reset([first, log('between')]);
    model.work(Infinity);
    model.append([progress(1, 3), progress(1, 6), request(1, 'other'), response(1)]);
    model.work(Infinity);
    assert.equal(model.shown.length, 3);
    const [row] = model.shown;
    assert.equal(row.lead, first);
    assert.deepEqual(row.progress.map((each) => each.progress), [3, 6]);
    assert.equal(row.response?.durationMs, 5);
    assert.equal(model.shown[2].lead.serverId, 'other', 'the same id on another server is another request');

    // The answered id is used again (a new session): a new row, not the old one.
    model.append([request(1), progress(1, 1)]);
    model.work(Infinity);
    assert.equal(model.shown.length, 4);
    assert.deepEqual(model.shown[3].progress.map((each) => each.progress), [1]);
    assert.deepEqual(row.progress.map((each) => each.progress), [3, 6]);
  });

  test('progress whose request is gone makes one row for that request', () => {
    const model = new TimelineModel(1000);
    model.reset([progress(9, 1), progress(9, 2), response(9)]);
    model.work(Infinity);
    assert.equal(model.shown.length, 1);
    assert.equal(model.shown[0].lead.kind, 'progress');
    assert.equal(model.shown[0].progress.length, 2);
    assert.ok(model.shown[0].response);
  });

  test('filters by group, level, server, text and call, also for events appended later', () => {
    const model = new TimelineModel(1000);
    model.reset([request(1), log('Disk FULL', 'error'), log('chatter', 'debug'), event({ ...base, serverId: 'files', kind: 'problem', problem: { summary: 'broken pipe' } })]);
    model.work(Infinity);
    const kinds = () => model.shown.map((row) => row.lead.kind).join(',');
    model.setFilter({ ...DEFAULT_FILTER, groups: new Set(['log']) });
    model.work(Infinity);
    assert.equal(kinds(), 'log,log');
    model.setFilter({ ...DEFAULT_FILTER, minLevel: 'info' });
    model.work(Infinity);
    assert.equal(kinds(), 'request,log,problem');
    model.setFilter({ ...DEFAULT_FILTER, serverId: 'files' });
    model.work(Infinity);
    assert.equal(kinds(), 'problem');
    model.setFilter({ ...DEFAULT_FILTER, text: 'disk full' });
    model.work(Infinity);
    assert.equal(kinds(), 'log');
    model.append([log('disk full again'), log('something else')]);
    model.work(Infinity);
    assert.deepEqual(
      model.shown.map((row) => (row.lead.kind === 'log' ? row.lead.data : '')),
      ['Disk FULL', 'disk full again'],
    );
    model.setFilter({ ...DEFAULT_FILTER, callId: 'call-1' });
    model.work(Infinity);
    model.append([event({ ...base, kind: 'request', requestId: 5, method: 'tools/call', callId: 'call-1' }), progress(5, 1)]);
    model.work(Infinity);
    assert.equal(kinds(), 'request');
  });

  test('past the limit, the oldest events and their rows go, and a paused view learns how many rows went', () => {
    const model = new TimelineModel(100);
    model.reset([]);
    model.work(Infinity);
    const events = Array.from({ length: 126 }, (_, index) => log(`line ${index}`));
    model.append(events.slice(0, 125));
    model.work(Infinity);
    assert.equal(model.eventCount, 125, 'trimmed only past a quarter over the limit');
    assert.equal(model.shownOffset, 0);
    model.append(events.slice(125));
    model.work(Infinity);
    assert.equal(model.eventCount, 100);
    assert.equal(model.shown.length, 100);
    assert.equal(model.shown[0].lead, events[26]);
    assert.equal(model.shownOffset, 26);
  });

  test('a big snapshot and a new filter over it are done a slice at a time, and the slices add up to the whole', () => {
    const model = new TimelineModel(5000);
    const events = Array.from({ length: 6000 }, (_, index) => (index % 3 === 0 ? request(index) : log(`line ${index}${index % 7 === 0 ? ' needle' : ''}`)));
    model.reset(events);
    assert.equal(model.work(0), false, 'no time, but some work');
    assert.ok(model.busy);
    assert.ok(model.shown.length < 5000, 'a zero budget does not do everything');
    let slices = 1;
    while (!model.work(0)) slices++;
    assert.ok(slices > 10, `done in ${slices} slices`);
    assert.equal(model.shown.length, 5000, 'the limit keeps the newest 5000 events');
    assert.equal(model.shown[0].lead, events[1000]);

    model.setFilter({ ...DEFAULT_FILTER, text: 'NEEDLE' });
    model.work(0);
    const partial = model.shown.length;
    model.append([log('one more needle')]);
    model.work(Infinity);
    assert.ok(partial < model.shown.length);
    const expected = events.slice(1000).filter((each) => each.kind === 'log' && String(each.data).includes('needle')).length + 1;
    assert.equal(model.shown.length, expected);
    assert.equal(model.shownIndexOf(model.shown[3].lead.seq), 3);
    assert.equal(model.shownIndexOf(events[1002].seq), -1, 'a row the filter hides is not shown');
  });

  test('a filter started from the newest row has the newest matching rows first, puts the older ones above them, and ends with the same rows', () => {
    const model = new TimelineModel(10_000);
    const events = Array.from({ length: 3000 }, (_, index) => log(`line ${index}${index % 5 === 0 ? ' needle' : ''}`));
    model.reset(events);
    model.work(Infinity);
    const offsetBefore = model.shownOffset;
    model.setFilter({ ...DEFAULT_FILTER, text: 'needle' }, { newestFirst: true });
    assert.equal(model.work(0), false);
    const first = model.shown.map((row) => row.lead);
    assert.ok(first.length > 0 && first.length < 600, `${first.length} rows after one slice`);
    assert.equal(first.at(-1), events[2995], 'the newest matching row is there from the first slice');
    assert.equal(first[0], events[3000 - 5 * first.length], 'and the rows before it, with no gap');

    // An event placed meanwhile is filtered too, after the others.
    model.append([log('late needle')]);
    let slices = 1;
    while (!model.work(0)) slices++;
    assert.ok(slices > 5, `done in ${slices} slices`);
    const needles = [...events.filter((_, index) => index % 5 === 0), model.all.at(-1)];
    assert.deepEqual(
      model.shown.map((row) => row.lead),
      needles,
      'every matching row, oldest first',
    );
    assert.equal(model.shownOffset, offsetBefore - (needles.length - 1), 'every row found working back went above the ones before: a paused view learns how many');
    assert.equal(model.shownIndexOf(events[1500].seq), 300);
  });
});
