// The host's appends to a panel: a burst arrives in posts of bounded size, one per interval, in
// order and without a gap; the rest of a snapshot goes the same way; a clear drops what waits; a
// backlog longer than the timeline loses its oldest events, which the panel sees as a gap.

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { APPEND_BATCH_LIMIT, APPEND_INTERVAL_MS, AppendBatches } from '../../src/inspector/appendBatches';
import type { TimelineEvent } from '../../src/shared/model';

const event = (seq: number): TimelineEvent => ({ seq, time: 0, serverId: 's', kind: 'note', text: `note ${seq}` });
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Waits until `count` events were posted (a loaded machine delays timers), then one more interval for any stray post. */
async function postedAtLeast(posts: { seqs: number[] }[], count: number): Promise<void> {
  for (const started = Date.now(); posts.flatMap((post) => post.seqs).length < count && Date.now() - started < 5000; ) await wait(5);
  await wait(APPEND_INTERVAL_MS * 2);
}

const batchers: AppendBatches[] = [];
afterEach(() => batchers.splice(0).forEach((batches) => batches.dispose()));

function setUp(backlogLimit?: number) {
  const posts: { at: number; seqs: number[] }[] = [];
  const batches = new AppendBatches((events) => posts.push({ at: performance.now(), seqs: events.map((posted) => posted.seq) }), backlogLimit);
  batchers.push(batches);
  return { batches, posts };
}

describe('the appends to a panel', () => {
  test('a burst goes out in posts of at most APPEND_BATCH_LIMIT events, one interval apart, every event once and in order', async () => {
    const { batches, posts } = setUp();
    const burst = APPEND_BATCH_LIMIT * 2 + 17;
    for (let seq = 1; seq <= burst; seq++) batches.add(event(seq));
    await postedAtLeast(posts, burst);
    assert.deepEqual(
      posts.map((post) => post.seqs.length),
      [APPEND_BATCH_LIMIT, APPEND_BATCH_LIMIT, 17],
    );
    assert.deepEqual(
      posts.flatMap((post) => post.seqs),
      Array.from({ length: burst }, (_, index) => index + 1),
    );
    // Timers are measured from when they were set, a little before each post is recorded: half an interval is a safe floor.
    for (let index = 1; index < posts.length; index++) {
      assert.ok(posts[index].at - posts[index - 1].at >= APPEND_INTERVAL_MS / 2, `post ${index} came ${posts[index].at - posts[index - 1].at} ms after the one before`);
    }
  });

  test('events that arrive while a backlog drains are posted after it', async () => {
    const { batches, posts } = setUp();
    for (let seq = 1; seq <= APPEND_BATCH_LIMIT + 5; seq++) batches.add(event(seq));
    await wait(APPEND_INTERVAL_MS + 5);
    batches.add(event(APPEND_BATCH_LIMIT + 6));
    await postedAtLeast(posts, APPEND_BATCH_LIMIT + 6);
    assert.deepEqual(
      posts.flatMap((post) => post.seqs),
      Array.from({ length: APPEND_BATCH_LIMIT + 6 }, (_, index) => index + 1),
    );
    assert.equal(posts.length, 2);
  });

  test('a clear drops what waits; later events are posted', async () => {
    const { batches, posts } = setUp();
    batches.add(event(1));
    batches.add(event(2));
    batches.drop();
    batches.add(event(3));
    await postedAtLeast(posts, 1);
    assert.deepEqual(posts.map((post) => post.seqs), [[3]]);
  });

  test('a backlog longer than the timeline keeps its newest events, so the panel sees a gap and asks for a snapshot', async () => {
    const { batches, posts } = setUp(1000);
    for (let seq = 1; seq <= 1300; seq++) batches.add(event(seq));
    await postedAtLeast(posts, 1000);
    const seqs = posts.flatMap((post) => post.seqs);
    assert.equal(seqs.at(-1), 1300);
    assert.ok(seqs.length >= 1000 && seqs.length < 1300, `${seqs.length} events were posted`);
    assert.ok(seqs[0] > 1, 'the oldest events were kept');
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, index) => seqs[0] + index));
  });

  test('restart posts the rest of a snapshot in bounded posts, instead of what waited, and before what comes later', async () => {
    const { batches, posts } = setUp();
    batches.add(event(1));
    batches.add(event(2));
    const rest = Array.from({ length: APPEND_BATCH_LIMIT + 3 }, (_, index) => event(index + 3));
    batches.restart(rest);
    batches.add(event(APPEND_BATCH_LIMIT + 6));
    await postedAtLeast(posts, APPEND_BATCH_LIMIT + 4);
    assert.deepEqual(
      posts.map((post) => post.seqs.length),
      [APPEND_BATCH_LIMIT, 4],
    );
    assert.deepEqual(
      posts.flatMap((post) => post.seqs),
      Array.from({ length: APPEND_BATCH_LIMIT + 4 }, (_, index) => index + 3),
    );
  });

  test('nothing is posted after dispose', async () => {
    const { batches, posts } = setUp();
    batches.add(event(1));
    batches.dispose();
    await wait(APPEND_INTERVAL_MS + 50);
    assert.deepEqual(posts, []);
  });
});
