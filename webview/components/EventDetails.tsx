import type { InspectorState } from '../state/inspectorState';
import type { TimelineEntry } from '../state/timelineModel';
import { ProblemView } from './ProblemView';
import { ProgressBar } from './ProgressBar';
import { clockTime, EventSummary, formatDuration } from './TimelineList';

/** Everything about one row: what it means, and its events' full JSON as text. */
export function EventDetails({ state, entry }: { state: InspectorState; entry: TimelineEntry }) {
  const timeline = state.timeline;
  const event = entry.lead;
  // The lead is also the first progress report, or the response, when the request itself is gone.
  const events = [...new Set([entry.lead, ...entry.progress, ...(entry.response ? [entry.response] : [])])];
  const callId = events.map((each) => ('callId' in each ? each.callId : undefined)).find((id) => id !== undefined);
  const call = callId === undefined ? undefined : state.calls.value.get(callId);
  const latest = entry.progress.at(-1);
  const problem = event.kind === 'problem' || event.kind === 'connection' ? event.problem : entry.response?.failure;
  return (
    <section class="event-details" aria-label="Event details">
      <header class="event-details-header">
        <span class="event-time">{clockTime(event.time)}</span>
        <span class="event-server">{event.serverId}</span>
        <span class="event-details-summary">
          <EventSummary event={event} />
        </span>
        {call && (
          <button class="secondary" onClick={() => state.selectTool(call.serverId, call.tool)}>
            Show the call
          </button>
        )}
        {callId !== undefined && timeline.filter.value.callId !== callId && (
          <button class="secondary" onClick={() => timeline.showCall(callId)}>
            Only this call’s events
          </button>
        )}
        <button class="icon-button" aria-label="Close the details" onClick={() => timeline.setExpanded(false)}>
          <span class="codicon codicon-close" aria-hidden="true" />
        </button>
      </header>
      {entry.response && (
        <p class="event-details-outcome">
          {entry.response.probe && (entry.response.error || entry.response.failure) ? (
            <span class="event-probe">Refused, which tells MCP Scope the server's protocol era,</span>
          ) : entry.response.error ? (
            <span class="event-error">{`Error ${entry.response.error.code}: ${entry.response.error.message}`}</span>
          ) : entry.response.failure ? (
            <span class="event-error">Failed</span>
          ) : (
            'Answered'
          )}{' '}
          after <span class="duration">{formatDuration(entry.response.durationMs)}</span>
        </p>
      )}
      {latest && <ProgressBar report={latest} label={`Progress of request ${String(latest.requestId)}, in the details`} />}
      {problem && <ProblemView problem={problem} />}
      {event.kind === 'protocolError' && (
        <>
          <p class="event-error">{event.reason}</p>
          <pre class="raw">{event.raw}</pre>
        </>
      )}
      {event.kind === 'log' && typeof event.data === 'string' && <pre class="log-data">{event.data}</pre>}
      <pre class="event-json" aria-label="JSON of the events">
        {JSON.stringify(events.length === 1 ? events[0] : events, null, 2)}
      </pre>
    </section>
  );
}
