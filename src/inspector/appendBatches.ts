// The timeline's events on their way to a panel: gathered for about a frame and posted together,
// never more than a bounded number in one message, so that the webview never spends one long task
// taking in a burst (a structured clone and the model's append both grow with the message).

import { TIMELINE_LIMIT, type TimelineEvent } from '../shared/model';

/** How long timeline events are gathered before they are posted together (about one frame). */
export const APPEND_INTERVAL_MS = 16;
/**
 * The most events one post carries. At one post per interval this passes about 62,000 events a
 * second; a faster burst waits for the next posts, and taking in one post stays a few milliseconds
 * (2–6 ms of the page's CPU for 1,000 events in `npm run bench:panel`). Half as many made the last
 * of a 20,000-event burst reach the screen 0.7–0.8 s after the host had it; this, 0.55–0.65 s.
 */
export const APPEND_BATCH_LIMIT = 1000;

/**
 * Gathers events and hands them to `post` in order, at most `APPEND_BATCH_LIMIT` at a time and one
 * post per `APPEND_INTERVAL_MS`. What waits longer than the timeline keeps (`backlogLimit` events)
 * is dropped from the oldest end: the webview then sees a gap in the numbers and asks for a
 * snapshot, as after any gap.
 */
export class AppendBatches {
  private waiting: TimelineEvent[] = [];
  /** How many of `waiting` (the oldest) were posted already. */
  private posted = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (events: TimelineEvent[]) => void,
    private readonly backlogLimit = TIMELINE_LIMIT,
  ) {}

  add(event: TimelineEvent): void {
    this.waiting.push(event);
    // Trimming copies the backlog: once per quarter of the limit, so adding stays O(1) on average.
    if (this.waiting.length - this.posted > this.backlogLimit + Math.ceil(this.backlogLimit / 4)) {
      this.waiting = this.waiting.slice(-this.backlogLimit);
      this.posted = 0;
    }
    this.timer ??= setTimeout(() => this.flush(), APPEND_INTERVAL_MS);
  }

  /**
   * Posts `events` (the part of a snapshot that did not go with it) before anything added later,
   * and forgets what waited: the snapshot was taken after it, so holds it.
   */
  restart(events: TimelineEvent[]): void {
    this.waiting = events.slice(-this.backlogLimit);
    this.posted = 0;
    if (this.waiting.length > 0) this.timer ??= setTimeout(() => this.flush(), APPEND_INTERVAL_MS);
  }

  /** Forgets what waits (the timeline was cleared: the panel must not see those events after its new snapshot). */
  drop(): void {
    this.waiting = [];
    this.posted = 0;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.drop();
  }

  private flush(): void {
    this.timer = undefined;
    const events = this.waiting.slice(this.posted, this.posted + APPEND_BATCH_LIMIT);
    this.posted += events.length;
    if (this.posted === this.waiting.length) this.drop();
    else {
      // A backlog that never drains must not keep what was posted: let it go now and then.
      if (this.posted > this.backlogLimit / 4) {
        this.waiting = this.waiting.slice(this.posted);
        this.posted = 0;
      }
      this.timer = setTimeout(() => this.flush(), APPEND_INTERVAL_MS);
    }
    if (events.length > 0) this.post(events);
  }
}
