import type { TimelineEvent } from '../../src/shared/model';
import type { InspectorState } from '../state/inspectorState';
import { ProblemView } from './ProblemView';
import { ProgressBar } from './ProgressBar';

/** How many of the latest events are drawn; the list becomes virtualized later. */
const SHOWN = 300;

export function Timeline({ state }: { state: InspectorState }) {
  const events = state.timeline.value;
  const shown = events.slice(-SHOWN).reverse();
  return (
    <section class="timeline" aria-labelledby="timeline-heading">
      <header class="section-header">
        <h2 id="timeline-heading">Timeline</h2>
        <span class="count">{events.length > SHOWN ? `latest ${SHOWN} of ${events.length}` : events.length || ''}</span>
      </header>
      {shown.length === 0 ? (
        <p class="placeholder">Requests, progress, logs and errors appear here as they happen.</p>
      ) : (
        <ol class="timeline-list" reversed>
          {shown.map((event) => (
            <li key={event.seq} class={`event event-${event.kind}`} data-kind={event.kind}>
              <time class="event-time" dateTime={new Date(event.time).toISOString()}>
                {new Date(event.time).toLocaleTimeString(undefined, { hour12: false })}
              </time>
              <span class="event-server">{event.serverId}</span>
              <EventBody event={event} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function EventBody({ event }: { event: TimelineEvent }) {
  switch (event.kind) {
    case 'connection':
      return (
        <div class="event-body">
          <span class="event-kind">{event.state}</span> {event.text}
          {event.problem && <ProblemView problem={event.problem} />}
        </div>
      );
    case 'request':
      return (
        <div class="event-body">
          <span class="event-kind">→ request</span> {event.method} <span class="event-id">#{String(event.requestId)}</span>
          <Json value={event.params} />
        </div>
      );
    case 'response':
      return (
        <div class="event-body">
          <span class="event-kind">← {event.error ? 'error' : 'response'}</span> {event.method}{' '}
          <span class="event-id">#{String(event.requestId)}</span> <span class="duration">{event.durationMs.toFixed(0)} ms</span>
          {event.error ? (
            <div class="event-error">
              {event.error.code}: {event.error.message}
            </div>
          ) : null}
          <Json value={event.error ?? event.result} />
        </div>
      );
    case 'notification':
      return (
        <div class="event-body">
          <span class="event-kind">{event.direction === 'sent' ? '→' : '←'} notification</span> {event.method}
          <Json value={event.params} />
        </div>
      );
    case 'progress':
      return (
        <div class="event-body">
          <span class="event-kind">progress</span> <span class="event-id">#{String(event.requestId)}</span>
          <ProgressBar report={event} label={`Progress of request ${String(event.requestId)}`} />
        </div>
      );
    case 'log':
      return (
        <div class="event-body">
          <span class={`event-kind log-level log-${event.level}`}>{event.level}</span>
          {event.logger && <span class="logger"> {event.logger}</span>}{' '}
          <span class="log-data">{typeof event.data === 'string' ? event.data : JSON.stringify(event.data)}</span>
        </div>
      );
    case 'protocolError':
      return (
        <div class="event-body">
          <span class="event-kind">protocol error</span> {event.reason}
          <pre class="raw">{event.raw}</pre>
        </div>
      );
    case 'problem':
      return (
        <div class="event-body">
          <ProblemView problem={event.problem} />
        </div>
      );
    case 'toolsChanged':
      return (
        <div class="event-body">
          <span class="event-kind">tools changed</span> {event.text}
          <Json value={{ added: event.added, removed: event.removed, changed: event.changed }} />
        </div>
      );
  }
}

function Json({ value }: { value: unknown }) {
  if (value === undefined) return null;
  return (
    <details class="json">
      <summary>JSON</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
