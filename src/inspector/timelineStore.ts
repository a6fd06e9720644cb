// The timeline: every event of every session, numbered in the order it happened, bounded so that
// a chatty server cannot exhaust memory.

import { type NewTimelineEvent, TIMELINE_LIMIT, type TimelineEvent } from '../shared/model';
import { Listeners } from './listeners';

export class TimelineStore {
  private events: TimelineEvent[] = [];
  private nextSeq = 1;
  /** Hears each event as it is appended. */
  readonly appended = new Listeners<TimelineEvent>();
  /** Hears that every event was forgotten (from any panel or the command palette). */
  readonly cleared = new Listeners<void>();

  /** Keeps at most `limit` events; older ones are forgotten. */
  constructor(private readonly limit = TIMELINE_LIMIT) {}

  append(event: NewTimelineEvent): TimelineEvent {
    const numbered = { ...event, seq: this.nextSeq++ } as TimelineEvent;
    this.events.push(numbered);
    // Trim in batches so that appending stays O(1) on average.
    if (this.events.length > this.limit + Math.ceil(this.limit / 4)) this.events = this.events.slice(-this.limit);
    this.appended.emit(numbered);
    return numbered;
  }

  /** The most recent events, oldest first. */
  recent(): TimelineEvent[] {
    return this.events.slice(-this.limit);
  }

  /** Forgets every event; the numbering goes on, so a number never means two events. */
  clear(): void {
    this.events = [];
    this.cleared.emit(undefined);
  }
}
