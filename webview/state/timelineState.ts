// The timeline's side of the webview state: the host's events mirrored from the snapshot and the
// appends after it (taken in as they come, drawn once per frame), the rows they make, the filter, following the tail,
// the selection, and the timeline's actions (clear, export, the servers' log level).

import { batch, signal } from '@preact/signals';
import { ClearTimeline, ExportTimeline, SetLogLevel, TimelineAppended, TimelineCleared } from '../../src/shared/bridge';
import { type LogLevel, TIMELINE_LIMIT, type TimelineEvent } from '../../src/shared/model';
import type { Host } from '../host';
import { DEFAULT_FILTER, sameFilter, type TimelineEntry, type TimelineFilter, TimelineModel } from './timelineModel';

/** What a server answered to the last log level change. */
export type LogLevelOutcome =
  | { serverId: string; level: LogLevel; state: 'pending' }
  | { serverId: string; level: LogLevel; state: 'set'; answer: Record<string, unknown> }
  | { serverId: string; level: LogLevel; state: 'failed'; error: string };

export type TimelineState = ReturnType<typeof createTimelineState>;

/** How long one slice of the timeline's work (placing a snapshot's events, filtering every row) may hold the page. */
const WORK_SLICE_MS = 8;

/**
 * @param host the bridge.
 * @param loadSnapshot asks the host for a new snapshot and applies it (which calls `reset`).
 */
export function createTimelineState(host: Host, loadSnapshot: (options: { again: boolean }) => Promise<void>) {
  const model = new TimelineModel(TIMELINE_LIMIT);
  /** Rises whenever the rows change; read it to redraw with them. */
  const revision = signal(0);
  const filter = signal<TimelineFilter>(DEFAULT_FILTER);
  /** Whether the list keeps the newest row in view. */
  const following = signal(true);
  /** How many rows had been shown (counting those the limit dropped) when following stopped, to count the new ones. */
  const seenWhenPaused = signal(0);
  const rowsEver = () => model.shown.length + model.shownOffset;
  const selected = signal<TimelineEntry | undefined>(undefined);
  /** Whether the selected row's details are open. */
  const expanded = signal(false);
  /** Rises when the selected row must be scrolled into view. */
  const reveal = signal(0);
  const logLevel = signal<LogLevelOutcome | undefined>(undefined);

  const changed = () => revision.value++;

  // The sequence number of the last event applied; undefined when the host has none, so any append starts the timeline.
  let lastSeq: number | undefined;
  /** While a clear waits for its snapshot, appends are of events the host has already forgotten. */
  let clearing = false;
  /** What to do once the model has caught up with a reset or a new filter (the rows it waits for may come late). */
  let whenSettled: (() => void) | undefined;

  // Appends go to the model as they arrive; its work is done in slices, each a task of its own, and
  // the rows are drawn once per frame in a task that only draws, so that no task does both and the
  // page paints and answers input in between.
  let sliceQueued = false;
  const nextSlice = new MessageChannel();
  nextSlice.port1.onmessage = () => {
    sliceQueued = false;
    workSlice();
  };
  const queueSlice = () => {
    if (!sliceQueued) nextSlice.port2.postMessage(undefined);
    sliceQueued = true;
  };
  let frame: number | undefined;
  const draw = () => {
    frame = undefined;
    batch(() => {
      if (!model.busy) {
        whenSettled?.();
        whenSettled = undefined;
      }
      changed();
    });
  };
  const workSlice = () => {
    if (!model.work(WORK_SLICE_MS)) queueSlice();
    frame ??= requestAnimationFrame(draw);
  };

  /** Drops every row, then shows the host's timeline from a snapshot asked for after the clear. */
  const forget = () => {
    clearing = true;
    model.reset([]);
    whenSettled = undefined;
    lastSeq = undefined;
    batch(() => {
      selected.value = undefined;
      expanded.value = false;
      following.value = true;
      changed();
    });
    void loadSnapshot({ again: true }).finally(() => (clearing = false));
  };
  // This panel's own clear is already under way when the host says so.
  host.onNotification(TimelineCleared, () => clearing || forget());

  host.onNotification(TimelineAppended, ({ events }) => {
    if (clearing) return;
    const fresh = lastSeq === undefined ? events : events.filter((event) => event.seq > lastSeq!);
    if (fresh.length === 0) return;
    if (lastSeq !== undefined && fresh[0].seq !== lastSeq + 1) {
      void loadSnapshot({ again: false });
      return;
    }
    lastSeq = fresh[fresh.length - 1].seq;
    model.append(fresh);
    queueSlice();
  });

  /** Filters every row again; `then` runs once every row is filtered. */
  const setFilter = (next: TimelineFilter, then?: () => void) => {
    // Filtering again from the first row would show the rows in between for nothing (and move the
    // row under the pointer): the text box says the same text again when a field is filled with it.
    if (!then && sameFilter(next, filter.value)) return;
    // A view that follows the newest row gets the newest rows first.
    model.setFilter(next, { newestFirst: following.value });
    whenSettled = () => {
      seenWhenPaused.value = rowsEver();
      then?.();
    };
    batch(() => {
      filter.value = next;
      workSlice();
    });
  };

  return {
    model,
    revision,
    filter,
    following,
    selected,
    expanded,
    reveal,
    logLevel,
    /** How many rows arrived since following stopped. */
    newSincePaused: () => (following.value ? 0 : Math.max(0, rowsEver() - seenWhenPaused.value)),

    /** Starts again from a snapshot's events. */
    reset(events: TimelineEvent[]) {
      model.reset(events);
      lastSeq = events.at(-1)?.seq;
      // The rows are new objects: the selection moves to the row of the same event, if it is still there.
      const seq = selected.value?.lead.seq;
      whenSettled = () => {
        const index = seq === undefined ? -1 : model.shownIndexOf(seq);
        selected.value = index < 0 ? undefined : model.shown[index];
        if (!selected.value) expanded.value = false;
        seenWhenPaused.value = Math.min(seenWhenPaused.value, rowsEver());
      };
      workSlice();
    },

    setFilter: (next: TimelineFilter) => setFilter(next),
    /** Shows only the events of one tool call, the first of them selected. */
    showCall(callId: string) {
      following.value = false;
      setFilter({ ...DEFAULT_FILTER, callId }, () => {
        selected.value = model.shown[0];
        reveal.value++;
      });
    },

    follow() {
      following.value = true;
    },
    pause() {
      batch(() => {
        following.value = false;
        seenWhenPaused.value = rowsEver();
      });
    },

    select(entry: TimelineEntry | undefined, options: { expand?: boolean } = {}) {
      batch(() => {
        selected.value = entry;
        if (options.expand !== undefined) expanded.value = options.expand && entry !== undefined;
        reveal.value++;
      });
    },
    setExpanded(open: boolean) {
      expanded.value = open && selected.value !== undefined;
    },

    /** Asks the host to forget every event; every panel then shows what the host has afterwards (see TimelineCleared). */
    clear() {
      host.command(ClearTimeline, {});
      forget();
    },

    /** Asks the host to save the whole timeline as a JSON file. */
    exportJson() {
      host.command(ExportTimeline, {});
    },

    async setLogLevel(serverId: string, level: LogLevel) {
      logLevel.value = { serverId, level, state: 'pending' };
      try {
        const answer = await host.request(SetLogLevel, { serverId, level });
        logLevel.value = { serverId, level, state: 'set', answer };
      } catch (error) {
        logLevel.value = { serverId, level, state: 'failed', error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
