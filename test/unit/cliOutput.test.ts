// The CLI's terminal output: a progress bar that redraws one line on a terminal, and never
// leaves a half-drawn bar under a log line or the result.

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { HumanReporter } from '../../src/cli/humanOutput';

/** A stream that keeps what was written; `isTTY` makes it look like a terminal. */
function collector(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: () => text });
}

const CLEAR_LINE = '\r\x1b[2K';

test('on a terminal, progress is a bar redrawn in place, cleared before a log line and before the result', () => {
  const out = collector(false);
  const err = collector(true);
  const reporter = new HumanReporter(out, err);
  reporter.event({ type: 'progress', requestId: 1, progress: 1, total: 4, message: 'warming up' });
  reporter.event({ type: 'log', level: 'info', logger: 'job', data: 'halfway' });
  reporter.event({ type: 'progress', requestId: 1, progress: 4, total: 4 });
  reporter.result('job', { content: [{ type: 'text', text: 'done' }] });

  assert.equal(
    err.text(),
    `${CLEAR_LINE}[######------------------] 25% 1/4 warming up` +
      `${CLEAR_LINE}[info] job: halfway\n` +
      `${CLEAR_LINE}[########################] 100% 4/4` +
      CLEAR_LINE,
  );
  assert.equal(out.text(), 'done\n');
});

test('on a terminal, a progress without total shows the count, and reports closer than 50 ms apart are skipped', () => {
  const err = collector(true);
  const reporter = new HumanReporter(collector(false), err);
  reporter.event({ type: 'progress', requestId: 1, progress: 1 });
  reporter.event({ type: 'progress', requestId: 1, progress: 2 });
  assert.equal(err.text(), `${CLEAR_LINE}[working] 1`);
});

test('not on a terminal, every progress is its own plain line', () => {
  const err = collector(false);
  const reporter = new HumanReporter(collector(false), err);
  reporter.event({ type: 'progress', requestId: 1, progress: 1, total: 3 });
  reporter.event({ type: 'progress', requestId: 1, progress: 2 });
  assert.equal(err.text(), 'progress 1/3 (33%)\nprogress 2\n');
});
