import { useEffect, useRef, useState } from 'preact/hooks';
import type { LogLevel } from '../../src/shared/model';
import { LOG_LEVELS } from '../../src/shared/model';
import type { InspectorState } from '../state/inspectorState';
import type { TimelineState } from '../state/timelineState';
import { DEFAULT_FILTER, EVENT_GROUPS, type EventGroup, type TimelineFilter } from '../state/timelineModel';
import { EventDetails } from './EventDetails';
import { TimelineList } from './TimelineList';

const GROUP_LABELS: Record<EventGroup, string> = {
  connection: 'Connections',
  request: 'Requests',
  notification: 'Notifications',
  serverRequest: 'Server requests',
  log: 'Logs',
  error: 'Errors',
  wire: 'Traffic',
};

/** Every event of every session, live: filters, follow or pause, clear, export, and the servers' log level. */
export function Timeline({ state }: { state: InspectorState }) {
  const timeline = state.timeline;
  const following = timeline.following.value;
  return (
    <section class="timeline" aria-labelledby="timeline-heading">
      <header class="section-header">
        <h2 id="timeline-heading">Timeline</h2>
        <TimelineCount timeline={timeline} />
        <div class="timeline-actions">
          {following ? (
            <IconButton icon="debug-pause" label="Pause" title="Pause: stop following the newest events" onClick={() => timeline.pause()} />
          ) : (
            <IconButton icon="debug-continue" label="Follow" title="Follow the newest events" onClick={() => timeline.follow()} />
          )}
          <IconButton icon="clear-all" label="Clear the timeline" onClick={() => timeline.clear()} />
          <IconButton icon="save" label="Export the timeline as JSON" onClick={() => timeline.exportJson()} />
        </div>
      </header>
      <TimelineFilters state={state} />
      <LogLevelControl state={state} />
      <TimelineBody timeline={timeline} />
      <OpenDetails state={state} />
    </section>
  );
}

// The parts below change with every frame of a stream; each reads the rows' revision itself, so
// that the rest of the section (filters, buttons) is not drawn again with them.

function TimelineCount({ timeline }: { timeline: TimelineState }) {
  // The model's numbers change with the revision: reading it draws this again with them.
  void timeline.revision.value;
  const { model } = timeline;
  const total = model.eventCount;
  const filtered = isFiltered(timeline.filter.value);
  return (
    <span class="count">
      {filtered ? `${model.shown.length} rows shown · ${total} events` : `${total} events`}
      {model.busy && (filtered ? ' · filtering…' : ' · loading…')}
    </span>
  );
}

/** The selected row's details, drawn again with the rows: a running request's progress and answer join the same row. */
function OpenDetails({ state }: { state: InspectorState }) {
  const { timeline } = state;
  void timeline.revision.value;
  const selected = timeline.selected.value;
  return selected && timeline.expanded.value ? <EventDetails state={state} entry={selected} /> : null;
}

function TimelineBody({ timeline }: { timeline: TimelineState }) {
  const revision = timeline.revision.value;
  const newRows = timeline.newSincePaused();
  return (
    <div class="timeline-body">
      {/* Drawn while empty too, so that the first events of a stream do not wait for the list to be built. */}
      <TimelineList timeline={timeline} revision={revision} />
      {timeline.model.eventCount === 0 && <p class="placeholder timeline-empty">Requests, progress, logs and errors appear here as they happen.</p>}
      {!timeline.following.value && (
        <button class="jump-latest" onClick={() => timeline.follow()}>
          <span class="codicon codicon-arrow-down" aria-hidden="true" /> Jump to latest
          {newRows > 0 && ` (${newRows} new)`}
        </button>
      )}
    </div>
  );
}

function IconButton({ icon, label, title, onClick }: { icon: string; label: string; title?: string; onClick: () => void }) {
  return (
    <button class="icon-button" aria-label={label} title={title ?? label} onClick={onClick}>
      <span class={`codicon codicon-${icon}`} aria-hidden="true" />
    </button>
  );
}

function isFiltered(filter: TimelineFilter): boolean {
  const { groups, minLevel, serverId, text, callId } = filter;
  return groups.size < DEFAULT_FILTER.groups.size || minLevel !== 'debug' || serverId !== undefined || text !== '' || callId !== undefined;
}

function TimelineFilters({ state }: { state: InspectorState }) {
  const timeline = state.timeline;
  const filter = timeline.filter.value;
  const toggle = (group: EventGroup) => {
    const groups = new Set(filter.groups);
    if (!groups.delete(group)) groups.add(group);
    timeline.setFilter({ ...filter, groups });
  };
  return (
    <div class="timeline-filters" role="group" aria-label="Filter the timeline">
      {EVENT_GROUPS.map((group) => (
        <button key={group} class="filter-toggle" aria-pressed={filter.groups.has(group)} onClick={() => toggle(group)}>
          {GROUP_LABELS[group]}
        </button>
      ))}
      <select
        aria-label="Lowest log level shown"
        value={filter.minLevel}
        onChange={(event) => timeline.setFilter({ ...filter, minLevel: event.currentTarget.value as LogLevel })}
      >
        {LOG_LEVELS.map((level) => (
          <option key={level} value={level}>
            {level === 'debug' ? 'all levels' : `${level} and above`}
          </option>
        ))}
      </select>
      <select
        aria-label="Server shown"
        value={filter.serverId ?? ''}
        onChange={(event) => timeline.setFilter({ ...filter, serverId: event.currentTarget.value || undefined })}
      >
        <option value="">all servers</option>
        {state.servers.value.map((server) => (
          <option key={server.id} value={server.id}>
            {server.id}
          </option>
        ))}
      </select>
      <TextFilter text={filter.text} onChange={(text) => timeline.setFilter({ ...timeline.filter.value, text })} />
      {filter.callId && (
        <button class="filter-chip" aria-label={`Show every call, not only ${filter.callId}`} onClick={() => timeline.setFilter({ ...filter, callId: undefined })}>
          {`only ${filter.callId}`} <span class="codicon codicon-close" aria-hidden="true" />
        </button>
      )}
    </div>
  );
}

/** How long typing must pause before the text filter runs: each run reads every event. */
const TEXT_FILTER_DELAY_MS = 150;

function TextFilter({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  const [typed, setTyped] = useState(text);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The filter can change elsewhere too (a call's events, a cleared chip).
  useEffect(() => setTyped(text), [text]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <input
      type="search"
      aria-label="Filter by text"
      placeholder="Filter"
      value={typed}
      onInput={(event) => {
        const value = event.currentTarget.value;
        setTyped(value);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => onChange(value), TEXT_FILTER_DELAY_MS);
      }}
    />
  );
}

/**
 * The selected server's log level, set the way its era does: `logging/setLevel` (the server's answer
 * shown), or in the stateless era (2026-07-28) the level every later request carries in `_meta`.
 */
function LogLevelControl({ state }: { state: InspectorState }) {
  const server = state.selectedServer.value;
  if (!server) return null;
  const outcome = state.timeline.logLevel.value;
  const mine = outcome?.serverId === server.id ? outcome : undefined;
  const perRequest = server.era === 'stateless';
  return (
    <div class="log-level-control">
      <label>
        {`Log level of ${server.id}`}{' '}
        <select
          value={(mine?.state === 'failed' ? undefined : mine?.level) ?? server.logLevel ?? ''}
          disabled={server.state !== 'connected'}
          aria-describedby="log-level-mechanism"
          onChange={(event) => void state.timeline.setLogLevel(server.id, event.currentTarget.value as LogLevel)}
        >
          <option value="" disabled>
            (server default)
          </option>
          {LOG_LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
      </label>
      <span id="log-level-mechanism">
        {perRequest ? 'sent with every request (2026-07-28)' : 'sent once with logging/setLevel'}
      </span>
      <span class={`log-level-outcome ${mine?.state === 'failed' ? 'event-error' : ''}`} role="status">
        {mine?.state === 'pending' && (perRequest ? `Setting ${mine.level}…` : `Asking ${server.id} for ${mine.level}…`)}
        {mine?.state === 'set' &&
          (perRequest ? `Every request to ${server.id} now asks for ${mine.level} and above.` : `${server.id} answered ${JSON.stringify(mine.answer)}`)}
        {mine?.state === 'failed' && mine.error}
      </span>
    </div>
  );
}

/** From a call's result to its events on the timeline. */
export function CallEventsButton({ state }: { state: InspectorState }) {
  const call = state.currentCall.value;
  if (!call) return null;
  return (
    <button class="secondary call-events" onClick={() => state.timeline.showCall(call.id)}>
      <span class="codicon codicon-list-flat" aria-hidden="true" /> Show its events in the timeline
    </button>
  );
}
