// The timeline as rows: a request, its progress and its response share one row; every other
// event is a row of its own. Kept incrementally, so that appending a frame's events costs as
// much as those events and not as much as the whole timeline, and filtered the same way; big jobs
// (a snapshot, a new filter over every row) are done in slices of a few milliseconds.

import type { LogLevel, TimelineEvent } from '../../src/shared/model';
import { LOG_LEVELS } from '../../src/shared/model';

export type ProgressEvent = Extract<TimelineEvent, { kind: 'progress' }>;
export type ResponseEvent = Extract<TimelineEvent, { kind: 'response' }>;

/** One row of the timeline. */
export interface TimelineEntry {
  /** The event that opened the row: a request, or the first event of a request whose request is gone, or any other event. */
  readonly lead: TimelineEvent;
  /** The progress reports of the row's request, oldest first. */
  progress: ProgressEvent[];
  /** The answer to the row's request. */
  response?: ResponseEvent;
}

/** The groups of events the filter can show or hide. */
export const EVENT_GROUPS = ['connection', 'request', 'notification', 'serverRequest', 'log', 'error', 'wire'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

export interface TimelineFilter {
  /** The groups shown; the others are hidden. */
  groups: ReadonlySet<EventGroup>;
  /** Log messages quieter than this are hidden. */
  minLevel: LogLevel;
  /** Only this server's events, when set. */
  serverId?: string;
  /** Only rows whose text contains this, ignoring case. */
  text: string;
  /** Only the events of this tool call, when set. */
  callId?: string;
}

/** Whether two filters let the same rows through. */
export function sameFilter(a: TimelineFilter, b: TimelineFilter): boolean {
  return (
    a.minLevel === b.minLevel &&
    a.serverId === b.serverId &&
    a.text === b.text &&
    a.callId === b.callId &&
    a.groups.size === b.groups.size &&
    [...a.groups].every((group) => b.groups.has(group))
  );
}

/** What the timeline shows at first: every event but the raw wire traffic, which is shown on demand. */
export const DEFAULT_FILTER: TimelineFilter = {
  groups: new Set(EVENT_GROUPS.filter((group) => group !== 'wire')),
  minLevel: 'debug',
  text: '',
};

export function groupOf(event: TimelineEvent): EventGroup {
  switch (event.kind) {
    case 'request':
    case 'response':
    case 'progress':
    case 'task':
      return 'request';
    case 'serverRequest':
    case 'serverResponse':
      return 'serverRequest';
    case 'protocolError':
    case 'problem':
      return 'error';
    case 'note':
    case 'toolsChanged':
      return 'connection';
    case 'stderr':
      return 'log';
    default:
      return event.kind;
  }
}

/** How many events or rows `work` handles between two looks at the clock (a look costs about as much as one). */
const CHECK_EVERY = 32;

/**
 * The rows of the kept events and the rows the filter lets through. Placing events in rows and
 * filtering rows are done by `work`, a slice at a time, so that a snapshot of 100,000 events or the
 * first text filter over them never holds the page for long: `append`, `reset` and `setFilter` only
 * say what is to be done, and `busy` says whether some of it still is.
 */
export class TimelineModel {
  private events: TimelineEvent[] = [];
  /** How many of `events` (the oldest) have been placed in rows. */
  private placed = 0;
  private entries: TimelineEntry[] = [];
  /**
   * The filter has seen `entries` from `filteredFrom` up to (not with) `filteredTo`; `shownEntries`
   * holds those it let through. Rows placed later are filtered after the others; a filter started
   * from the newest row also works back, row by row, to the oldest.
   */
  private filteredFrom = 0;
  private filteredTo = 0;
  /** The row of each request by server and id; a reused id (a new session) takes the row over. */
  private readonly byRequest = new Map<string, TimelineEntry>();
  private filter: TimelineFilter = DEFAULT_FILTER;
  private needle = '';
  private shownEntries: TimelineEntry[] = [];
  /**
   * Where the first shown row stands among every row shown so far: it rises by the rows the limit
   * drops from the top, and falls by the older rows a filter working back puts above the others.
   * A paused view moves by as many rows, to stay on the rows it shows.
   */
  shownOffset = 0;

  /** Keeps at most `limit` events; older ones are forgotten. */
  constructor(private readonly limit: number) {}

  /** How many events are kept. */
  get eventCount(): number {
    return this.events.length;
  }

  /** The rows the filter lets through so far, oldest first. */
  get shown(): readonly TimelineEntry[] {
    return this.shownEntries;
  }

  /** Every kept event, oldest first. */
  get all(): readonly TimelineEvent[] {
    return this.events;
  }

  /** Whether some events are not placed or some rows not filtered yet: `shown` is not complete. */
  get busy(): boolean {
    return this.placed < this.events.length || this.filteredFrom > 0 || this.filteredTo < this.entries.length;
  }

  /** Starts again from these events. */
  reset(events: readonly TimelineEvent[]): void {
    this.events = events.slice(-this.limit);
    this.placed = 0;
    this.entries = [];
    this.filteredFrom = 0;
    this.filteredTo = 0;
    this.byRequest.clear();
    this.shownEntries = [];
  }

  append(events: readonly TimelineEvent[]): void {
    for (const event of events) this.events.push(event);
    // Trimming copies the kept events: do it once per quarter of the limit, so appending stays O(1) on average.
    if (this.events.length > this.limit + Math.ceil(this.limit / 4)) this.trim();
  }

  /**
   * Filters every row again. With `newestFirst` the filter starts from the newest row and works
   * back, so that a view of the newest rows has them at once instead of after every older row.
   */
  setFilter(filter: TimelineFilter, { newestFirst = false } = {}): void {
    this.filter = filter;
    this.needle = filter.text.toLowerCase();
    this.filteredFrom = this.filteredTo = newestFirst ? this.entries.length : 0;
    this.shownEntries = [];
  }

  /**
   * Places waiting events in rows, then filters waiting rows, until done or `budgetMs` has passed.
   * @returns whether everything is done (`!busy`).
   */
  work(budgetMs: number): boolean {
    const deadline = performance.now() + budgetMs;
    while (this.placed < this.events.length) {
      const end = Math.min(this.events.length, this.placed + CHECK_EVERY);
      for (; this.placed < end; this.placed++) this.place(this.events[this.placed]);
      if (performance.now() >= deadline) return false;
    }
    while (this.filteredTo < this.entries.length) {
      const end = Math.min(this.entries.length, this.filteredTo + CHECK_EVERY);
      for (; this.filteredTo < end; this.filteredTo++) {
        const entry = this.entries[this.filteredTo];
        if (passes(entry, this.filter, this.needle)) this.shownEntries.push(entry);
      }
      if (performance.now() >= deadline) return false;
    }
    if (this.filteredFrom === 0) return true;
    // Newest first: the older rows let through go above the others in one copy per slice.
    const older: TimelineEntry[] = [];
    do {
      const end = Math.max(0, this.filteredFrom - CHECK_EVERY);
      while (this.filteredFrom > end) {
        const entry = this.entries[--this.filteredFrom];
        if (passes(entry, this.filter, this.needle)) older.push(entry);
      }
    } while (this.filteredFrom > 0 && performance.now() < deadline);
    this.shownEntries = older.reverse().concat(this.shownEntries);
    this.shownOffset -= older.length;
    return this.filteredFrom === 0;
  }

  /** The index in `shown` of the row opened by the event `seq`, or -1. */
  shownIndexOf(seq: number): number {
    const index = firstFrom(this.shownEntries, seq);
    return this.shownEntries[index]?.lead.seq === seq ? index : -1;
  }

  /** Forgets the oldest events beyond the limit, and the rows they opened; a row's later events go with it. */
  private trim(): void {
    const forgotten = this.events.length - this.limit;
    this.events = this.events.slice(forgotten);
    this.placed = Math.max(0, this.placed - forgotten);
    const firstSeq = this.events[0].seq;
    const dropped = firstFrom(this.entries, firstSeq);
    for (let index = 0; index < dropped; index++) {
      const { lead } = this.entries[index];
      if ('requestId' in lead && this.byRequest.get(requestKey(lead)) === this.entries[index]) this.byRequest.delete(requestKey(lead));
    }
    this.entries = this.entries.slice(dropped);
    this.filteredFrom = Math.max(0, this.filteredFrom - dropped);
    this.filteredTo = Math.max(0, this.filteredTo - dropped);
    const droppedShown = firstFrom(this.shownEntries, firstSeq);
    this.shownEntries = this.shownEntries.slice(droppedShown);
    this.shownOffset += droppedShown;
  }

  private place(event: TimelineEvent): void {
    let entry: TimelineEntry;
    if (event.kind === 'request') {
      entry = { lead: event, progress: [] };
      this.byRequest.set(requestKey(event), entry);
    } else if (event.kind === 'progress' || event.kind === 'response') {
      const existing = this.byRequest.get(requestKey(event));
      if (existing && !existing.response) {
        if (event.kind === 'progress') existing.progress.push(event);
        else existing.response = event;
        return;
      }
      entry = event.kind === 'progress' ? { lead: event, progress: [event] } : { lead: event, progress: [], response: event };
      this.byRequest.set(requestKey(event), entry);
    } else {
      entry = { lead: event, progress: [] };
    }
    this.entries.push(entry);
  }
}

/** The index of the first row whose lead is `seq` or later (rows are in the order of their leads). */
function firstFrom(entries: readonly TimelineEntry[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].lead.seq < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

function requestKey(event: { serverId: string; requestId: string | number }): string {
  return `${event.serverId}\n${typeof event.requestId}\n${event.requestId}`;
}

function passes(entry: TimelineEntry, filter: TimelineFilter, needle: string): boolean {
  const event = entry.lead;
  if (!filter.groups.has(groupOf(event))) return false;
  if (filter.serverId !== undefined && event.serverId !== filter.serverId) return false;
  if (filter.callId !== undefined && !('callId' in event && event.callId === filter.callId)) return false;
  if (event.kind === 'log' && LOG_LEVELS.indexOf(event.level) < LOG_LEVELS.indexOf(filter.minLevel)) return false;
  return needle === '' || searchTextOf(event).includes(needle);
}

/** How much of a long value the text filter looks at. */
const SEARCHED_CHARS = 2000;
const searchTexts = new WeakMap<TimelineEvent, string>();

/** The text the filter searches in an event, lower case, computed once per event. */
function searchTextOf(event: TimelineEvent): string {
  let text = searchTexts.get(event);
  if (text === undefined) {
    text = textOf(event).slice(0, SEARCHED_CHARS).toLowerCase();
    searchTexts.set(event, text);
  }
  return text;
}

function textOf(event: TimelineEvent): string {
  switch (event.kind) {
    case 'connection':
      return `${event.state} ${event.text}`;
    case 'request':
    case 'notification':
      return `${event.method} ${jsonText(event.params)}`;
    case 'response':
      return `${event.method} ${event.error ? `${event.error.code} ${event.error.message}` : event.failure ? event.failure.summary : jsonText(event.result)}`;
    case 'progress':
      return `progress ${event.message ?? ''}`;
    case 'log':
      return `${event.level} ${event.logger ?? ''} ${typeof event.data === 'string' ? event.data : jsonText(event.data)}`;
    case 'protocolError':
      return `${event.reason} ${event.raw}`;
    case 'problem':
      return `${event.problem.summary} ${event.problem.advice ?? ''}`;
    case 'serverRequest':
      return `${event.method} ${jsonText(event.params)}`;
    case 'serverResponse':
      return `${event.method} ${event.error ? `${event.error.code} ${event.error.message}` : jsonText(event.result)}`;
    case 'note':
    case 'toolsChanged':
      return event.text;
    case 'stderr':
      return `stderr ${event.line}`;
    case 'task':
      return `task ${event.task.taskId} ${event.task.status} ${event.task.statusMessage ?? ''}`;
    case 'wire':
      return jsonText(event.record);
  }
}

/** A value as one line of JSON; `undefined` as nothing. */
export function jsonText(value: unknown): string {
  return value === undefined ? '' : (JSON.stringify(value) ?? String(value));
}
