import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TaskSource, TimelineEvent, WireRecord } from '../../src/shared/model';
import { jsonText, type TimelineEntry } from '../state/timelineModel';
import type { TimelineState } from '../state/timelineState';
import { setListGeometry } from './listGeometry';
import { ProgressBar } from './ProgressBar';

/** Rows drawn beyond each edge of the viewport, so that scrolling does not show blanks. */
const OVERSCAN = 4;
/** What a row shows of a long value; the details show all of it. */
const SHOWN_CHARS = 200;
/** Until the first row is measured (the stylesheet gives rows one fixed height). */
const ASSUMED_ROW_HEIGHT = 22;

/**
 * The rows as a virtualized grid: only the rows in view are in the DOM, all of the same height,
 * placed by their index. Arrow keys, Page Up/Down, Home and End move the selection; Enter opens
 * its details, Escape closes them. Scrolling away from the newest row stops following it.
 */
export function TimelineList({ timeline, revision }: { timeline: TimelineState; revision: number }) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  const [rowHeight, setRowHeight] = useState(ASSUMED_ROW_HEIGHT);
  const rows = timeline.model.shown;
  const following = timeline.following.value;
  const selected = timeline.selected.value;
  const expanded = timeline.expanded.value;

  useLayoutEffect(() => {
    const element = viewport.current!;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // First of the layout effects: those below scroll within the canvas's new height. Before the
  // browser lays the new rows out, so that they never show at the old offset.
  useLayoutEffect(() => setListGeometry(rows.length * rowHeight, first * rowHeight));

  // Rows dropped from the top (the limit was reached) or put above (a filter working back from the
  // newest row) would move a paused view: it stays on its rows instead. From the position before
  // this render: the shorter list may have clamped the element's.
  const offset = useRef(timeline.model.shownOffset);
  useLayoutEffect(() => {
    const delta = timeline.model.shownOffset - offset.current;
    offset.current = timeline.model.shownOffset;
    if (delta === 0 || following) return;
    viewport.current!.scrollTop = Math.max(0, scrollTop - delta * rowHeight);
  }, [revision]);

  const measured = useRef(false);
  /** Where following last put the scroll position; a scroll event that finds it there or lower is the list's own. */
  const pinnedAt = useRef(Number.POSITIVE_INFINITY);
  const pinToBottom = (element: HTMLElement) => {
    element.scrollTop = element.scrollHeight;
    pinnedAt.current = element.scrollTop;
  };
  useLayoutEffect(() => {
    const element = viewport.current!;
    if (!measured.current) {
      const row = element.querySelector<HTMLElement>('[role="row"]');
      if (row) {
        measured.current = true;
        if (row.offsetHeight !== rowHeight) setRowHeight(row.offsetHeight);
      }
    }
    if (following) pinToBottom(element);
    // Following does not keep the scroll position in state (see onScroll): take it up when following stops.
    else setScrollTop(element.scrollTop);
  }, [revision, following, height, rowHeight]);

  const reveal = timeline.reveal.value;
  useLayoutEffect(() => {
    const element = viewport.current!;
    const index = selected ? rows.indexOf(selected) : -1;
    if (index < 0) return;
    const top = index * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
    setScrollTop(element.scrollTop);
  }, [reveal]);

  const onScroll = () => {
    const element = viewport.current!;
    const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeight / 2;
    // The list scrolled itself and the view shrank before the event came (a control appeared above
    // it): the user did not scroll up, so it stays on the newest row.
    if (!atBottom && timeline.following.value && element.scrollTop >= pinnedAt.current) {
      pinToBottom(element);
      return;
    }
    // Following draws the newest rows whatever the scroll position: no second render per frame for it.
    if (!(atBottom && timeline.following.value)) setScrollTop(element.scrollTop);
    if (atBottom && !timeline.following.value) timeline.follow();
    else if (!atBottom && timeline.following.value) timeline.pause();
  };

  const visibleRows = Math.max(1, Math.ceil(height / rowHeight));
  // While following, the newest rows are drawn at once, before the scroll position catches up.
  const top = following ? Math.max(0, rows.length * rowHeight - height) : scrollTop;
  // Following, the view moves by new rows, not by scrolling: rows above it would be drawn for nothing.
  const first = Math.max(0, Math.floor(top / rowHeight) - (following ? 0 : OVERSCAN));
  const last = Math.min(rows.length, Math.ceil((top + height) / rowHeight) + OVERSCAN);

  const current = selected ? rows.indexOf(selected) : -1;
  const onKeyDown = (event: KeyboardEvent) => {
    if (rows.length === 0) return;
    const from = current >= 0 ? current : Math.min(rows.length - 1, Math.floor(top / rowHeight));
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = current >= 0 ? from + 1 : from;
        break;
      case 'ArrowUp':
        next = current >= 0 ? from - 1 : from;
        break;
      case 'PageDown':
        next = from + visibleRows - 1;
        break;
      case 'PageUp':
        next = from - visibleRows + 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Enter':
        if (current >= 0) timeline.setExpanded(!expanded);
        else timeline.select(rows[from], { expand: true });
        event.preventDefault();
        return;
      case 'Escape':
        timeline.setExpanded(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    timeline.select(rows[Math.max(0, Math.min(rows.length - 1, next))]);
  };

  return (
    <div
      ref={viewport}
      class="timeline-viewport"
      role="grid"
      aria-label="Timeline events"
      aria-rowcount={rows.length}
      aria-busy={timeline.model.busy}
      aria-activedescendant={selected && current >= first && current < last ? rowId(selected) : undefined}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div class="timeline-canvas" role="presentation">
        <div class="timeline-window" role="rowgroup">
          {rows.slice(first, last).map((entry, offset) => (
            // Keyed by place in the window, so that a row scrolled off lends its elements to the next one.
            <Row
              key={(first + offset) % (last - first + 1)}
              entry={entry}
              index={first + offset}
              selected={entry === selected}
              expanded={entry === selected && expanded}
              onClick={() => timeline.select(entry, { expand: true })}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

function rowId(entry: TimelineEntry): string {
  return `event-${entry.lead.seq}`;
}

function Row(props: { entry: TimelineEntry; index: number; selected: boolean; expanded: boolean; onClick: () => void }) {
  const { entry, index, selected, expanded, onClick } = props;
  const event = entry.lead;
  return (
    <div
      id={rowId(entry)}
      role="row"
      class={`event-row event-${event.kind}${selected ? ' selected' : ''}`}
      aria-rowindex={index + 1}
      aria-selected={selected}
      aria-expanded={expanded}
      data-seq={event.seq}
      data-kind={event.kind}
      onClick={onClick}
    >
      <span role="gridcell" class="event-time">
        {clockTime(event.time)}
      </span>
      <span role="gridcell" class="event-server">
        {event.serverId}
      </span>
      <span role="gridcell" class="event-summary">
        <EventSummary event={event} />
      </span>
      <span role="gridcell" class="event-outcome">
        <Outcome entry={entry} />
      </span>
    </div>
  );
}

/** Hours to milliseconds, local time. */
export function clockTime(time: number): string {
  const date = new Date(time);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function shortText(value: unknown): string {
  return (typeof value === 'string' ? value : jsonText(value)).slice(0, SHOWN_CHARS);
}

function Icon({ name }: { name: string }) {
  return <span class={`codicon codicon-${name}`} aria-hidden="true" />;
}

/** The tool a `tools/call` calls, when it names one. */
/** The parameter a request's row shows beside its method: the tool, prompt or resource it is about. */
const NAMED_PARAMS: Record<string, string> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  'resources/subscribe': 'uri',
  'resources/unsubscribe': 'uri',
};

function toolOf(event: TimelineEvent): string | undefined {
  if (event.kind !== 'request') return undefined;
  const field = NAMED_PARAMS[event.method];
  const name = field === undefined ? undefined : (event.params as Record<string, unknown> | undefined)?.[field];
  return typeof name === 'string' ? name : undefined;
}

/** One line about an event; the details pane shows all of it. */
export function EventSummary({ event }: { event: TimelineEvent }) {
  switch (event.kind) {
    case 'connection':
      return (
        <>
          <Icon name={event.state === 'connected' ? 'plug' : event.state === 'failed' ? 'error' : 'debug-disconnect'} />
          <span class="event-kind">{event.state}</span> {event.text}
        </>
      );
    case 'request': {
      const tool = toolOf(event);
      return (
        <>
          <Icon name="arrow-right" />
          <span class="event-method">{event.method}</span>
          {tool !== undefined && <span class="event-name"> {tool.slice(0, SHOWN_CHARS)}</span>} <span class="event-id">#{String(event.requestId)}</span>
        </>
      );
    }
    case 'response':
      return (
        <>
          <Icon name="arrow-left" />
          <span class="event-method">{event.method}</span> <span class="event-id">#{String(event.requestId)}</span>
        </>
      );
    case 'progress':
      return (
        <>
          <Icon name="pulse" />
          <span class="event-kind">progress</span> <span class="event-id">#{String(event.requestId)}</span>
        </>
      );
    case 'notification':
      return (
        <>
          <Icon name={event.direction === 'sent' ? 'arrow-small-right' : 'bell'} />
          <span class="event-method">{event.method}</span> <span class="event-params">{shortText(event.params)}</span>
        </>
      );
    case 'log':
      return (
        <>
          <span class={`log-level log-${event.level}`}>{event.level}</span>
          {event.logger !== undefined && <span class="logger"> {event.logger.slice(0, SHOWN_CHARS)}</span>}{' '}
          <span class="log-data">{shortText(event.data)}</span>
        </>
      );
    case 'protocolError':
      return (
        <>
          <Icon name="warning" />
          <span class="event-kind">protocol error</span> {event.reason.slice(0, SHOWN_CHARS)} <span class="raw">{event.raw.slice(0, SHOWN_CHARS)}</span>
        </>
      );
    case 'problem':
      return (
        <>
          <Icon name="error" />
          <span class="event-error">{event.problem.summary.slice(0, SHOWN_CHARS)}</span>
        </>
      );
    case 'serverRequest':
      return (
        <>
          <Icon name="question" />
          <span class="event-kind">server asks</span> <span class="event-method">{event.method}</span>{' '}
          <span class="event-id">#{String(event.requestId)}</span>
        </>
      );
    case 'serverResponse':
      return (
        <>
          <Icon name="reply" />
          <span class="event-kind">answered</span> <span class="event-method">{event.method}</span>{' '}
          <span class="event-id">#{String(event.requestId)}</span>{' '}
          {event.error ? (
            <span class="event-error">{`${event.error.code} ${event.error.message.slice(0, SHOWN_CHARS)}`}</span>
          ) : (
            <span class="event-params">{shortText(event.result)}</span>
          )}
        </>
      );
    case 'note':
      return (
        <>
          <Icon name="info" />
          <span class="event-note">{event.text.slice(0, SHOWN_CHARS)}</span>
        </>
      );
    case 'stderr':
      return (
        <>
          <Icon name="terminal" />
          <span class="event-kind">stderr</span> <span class="stderr-line">{event.line.slice(0, SHOWN_CHARS)}</span>
        </>
      );
    case 'toolsChanged':
      return (
        <>
          <Icon name="tools" />
          <span class="event-kind">tools changed</span> <span class="event-note">{event.text.slice(0, SHOWN_CHARS)}</span>
        </>
      );
    case 'task':
      return (
        <>
          <Icon name="tasklist" />
          <span class="event-kind">task</span> <span class={`task-status task-${event.task.status}`}>{event.task.status}</span>{' '}
          <span class="event-id">{event.task.taskId.slice(0, SHOWN_CHARS)}</span>{' '}
          {event.task.statusMessage !== undefined && <span class="event-note">{event.task.statusMessage.slice(0, SHOWN_CHARS)}</span>}{' '}
          <span class="event-params">({TASK_SOURCES[event.source]})</span>
        </>
      );
    case 'wire':
      return <WireSummary record={event.record} />;
  }
}

/** How the timeline says where a task's state came from. */
const TASK_SOURCES: Record<TaskSource, string> = {
  created: 'the call became a task',
  polled: 'tasks/get',
  notified: 'status notification',
  cancelled: 'answer to tasks/cancel',
};

/** One line about a piece of wire traffic. */
function WireSummary({ record }: { record: WireRecord }) {
  switch (record.type) {
    case 'httpRequest':
      return (
        <>
          <Icon name="cloud-upload" />
          <span class="event-kind">{record.method}</span> {record.url.slice(0, SHOWN_CHARS)} <span class="event-id">#{record.exchange}</span>
        </>
      );
    case 'httpResponse':
      return (
        <>
          <Icon name="cloud-download" />
          <span class="event-kind">{record.status}</span> {record.statusText} {record.headers['content-type'] ?? ''}{' '}
          <span class="event-id">#{record.exchange}</span> <span class="duration">{formatDuration(record.elapsedMs)}</span>
        </>
      );
    case 'httpBody':
      return (
        <>
          <Icon name="file-code" />
          <span class="event-kind">body</span> <span class="event-params">{record.body.slice(0, SHOWN_CHARS)}</span> <span class="event-id">#{record.exchange}</span>
        </>
      );
    case 'sseEvent':
      return (
        <>
          <Icon name="radio-tower" />
          <span class="event-kind">event{record.id !== undefined ? ` ${record.id.slice(0, SHOWN_CHARS)}` : ''}</span>{' '}
          <span class="event-params">{record.data.slice(0, SHOWN_CHARS) || '(priming: no data)'}</span> <span class="event-id">#{record.exchange}</span>
        </>
      );
    case 'sseRetry':
      return (
        <>
          <Icon name="history" />
          <span class="event-kind">retry</span> {record.retryMs} ms <span class="event-id">#{record.exchange}</span>
        </>
      );
    case 'httpEnd':
      return (
        <>
          <Icon name={record.error ? 'debug-disconnect' : 'check'} />
          <span class="event-kind">end</span> {record.error ? <span class="event-error">{record.error.slice(0, SHOWN_CHARS)}</span> : null}{' '}
          <span class="event-id">#{record.exchange}</span> <span class="duration">{formatDuration(record.elapsedMs)}</span>
        </>
      );
    case 'stdio':
      return (
        <>
          <Icon name="terminal" />
          <span class="event-kind">{record.stream}</span> <span class="event-params">{record.line.slice(0, SHOWN_CHARS)}</span>
        </>
      );
  }
}

/** How a request ended (its duration, or its error), or its progress while it runs. */
function Outcome({ entry }: { entry: TimelineEntry }) {
  const { response, progress } = entry;
  if (response) {
    const refusal = response.error
      ? `${response.error.code} ${response.error.message.slice(0, SHOWN_CHARS)}`
      : response.failure?.http
        ? `${response.failure.http.status} ${response.failure.http.statusText}`
        : response.failure && 'failed';
    return (
      <>
        {refusal &&
          (response.probe ? (
            <span class="event-probe" title="A probe: the server's refusal tells MCP Scope which protocol era it speaks.">{`refused (${refusal}) `}</span>
          ) : (
            <span class="event-error" title={response.failure?.summary.slice(0, SHOWN_CHARS)}>{`${refusal} `}</span>
          ))}
        <span class="duration">{formatDuration(response.durationMs)}</span>
      </>
    );
  }
  const latest = progress.at(-1);
  if (latest) return <ProgressBar report={latest} label={`Progress of request ${String(latest.requestId)}`} />;
  if (entry.lead.kind === 'request') return <span class="pending">pending</span>;
  return null;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
