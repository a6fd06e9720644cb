import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { PastCall } from '../../src/shared/history';
import type { CallRecord } from '../../src/shared/model';
import type { HistoryEntry } from '../state/historyState';
import type { InspectorState } from '../state/inspectorState';
import { CallView } from './CallView';
import { OUTCOME_ICONS, whenText } from './HistoryList';
import { JsonTree } from './JsonTree';
import { ProblemView } from './ProblemView';
import { formatDuration } from './TimelineList';

/** A past or saved call chosen in the history: what it was, what came back, and Run again, Edit in form, Save…, Delete. */
export function PastCallView({ state, entry }: { state: InspectorState; entry: HistoryEntry }) {
  const { history } = state;
  const saving = useSignal(false);
  const call = entry.call;
  const heading = entry.kind === 'saved' ? `Saved call “${entry.call.name}”` : `Past call of ${call.tool}`;
  const outcome = history.outcome.value;
  return (
    <section class="past-call" aria-labelledby="past-call-heading">
      <header class="section-header">
        <h2 id="past-call-heading">{heading}</h2>
        <button type="button" class="icon-button" title="Close" aria-label="Close the call" onClick={history.close}>
          <span class="codicon codicon-close" aria-hidden="true" />
        </button>
      </header>
      <dl class="past-call-facts">
        <dt>Tool</dt>
        <dd class="mono">{call.tool}</dd>
        <dt>Server</dt>
        <dd>{call.serverId}</dd>
        {entry.kind === 'past' && (
          <>
            <dt>When</dt>
            <dd>
              {whenText(entry.call.at)}, took {formatDuration(entry.call.durationMs)}
            </dd>
            <dt>Outcome</dt>
            <dd>
              <span class={`codicon codicon-${OUTCOME_ICONS[entry.call.outcome]}`} aria-hidden="true" /> {entry.call.outcome}
            </dd>
          </>
        )}
      </dl>
      <div class="past-call-actions">
        <button type="button" onClick={history.runAgain}>
          <span class="codicon codicon-debug-rerun" aria-hidden="true" /> Run again
        </button>
        <button type="button" class="secondary" onClick={history.editInForm}>
          <span class="codicon codicon-edit" aria-hidden="true" /> Edit in form
        </button>
        <button type="button" class="secondary" aria-expanded={saving.value} onClick={() => (saving.value = !saving.value)}>
          <span class="codicon codicon-bookmark" aria-hidden="true" /> {entry.kind === 'saved' ? 'Save as…' : 'Save…'}
        </button>
        {entry.kind === 'saved' && (
          <button type="button" class="secondary" onClick={() => void history.deleteSaved()}>
            <span class="codicon codicon-trash" aria-hidden="true" /> Delete
          </button>
        )}
      </div>
      {saving.value && <SaveForm state={state} suggested={entry.kind === 'saved' ? entry.call.name : call.tool} onDone={() => (saving.value = false)} />}
      {outcome &&
        (outcome.kind === 'error' ? (
          <p class="past-call-outcome outcome-error" role="alert">
            <span class="codicon codicon-error" aria-hidden="true" /> {outcome.text}
          </p>
        ) : (
          <p class="past-call-outcome" role="status">
            <span class="codicon codicon-pass" aria-hidden="true" /> {outcome.text}
          </p>
        ))}
      <h3 class="past-call-subheading">Arguments</h3>
      {Object.keys(call.arguments).length === 0 ? <p class="placeholder">No arguments.</p> : <JsonTree value={call.arguments} label="Arguments" />}
      {entry.kind === 'past' && <PastResult state={state} />}
    </section>
  );
}

/** The result of the selected past call, once the host has sent it. */
function PastResult({ state }: { state: InspectorState }) {
  const detail = state.history.detail.value;
  if (!detail || detail.state === 'loading') return <p class="placeholder">Loading the result…</p>;
  if (detail.state === 'failed') return <ProblemView problem={{ summary: detail.error }} />;
  const { call } = detail;
  const tool = state.servers.value.find((server) => server.id === call.serverId)?.tools.find((candidate) => candidate.name === call.tool);
  return (
    <>
      {call.resultDropped && (
        <p class="placeholder">
          The result was {Math.round(call.resultDropped.size / 1024)} KB of JSON; history keeps results up to {call.resultDropped.limit / 1024} KB.
        </p>
      )}
      <CallView call={recordOf(call)} tool={tool} actions={state} />
    </>
  );
}

/** Asks for a name and saves the call under it; Escape closes it. */
function SaveForm({ state, suggested, onDone }: { state: InspectorState; suggested: string; onDone: () => void }) {
  const name = useSignal(suggested);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const file = state.history.view.value.saved.file;
  const taken = state.history.view.value.saved.calls.some((call) => call.name === name.value.trim());
  const submit = async (event: Event) => {
    event.preventDefault();
    if (name.value.trim() && (await state.history.save(name.value))) onDone();
  };
  return (
    <form class="save-call" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onDone()}>
      <label for="save-call-name">Name</label>
      <input id="save-call-name" ref={input} type="text" value={name.value} aria-describedby="save-call-note" onInput={(event) => (name.value = event.currentTarget.value)} />
      <button type="submit" disabled={!name.value.trim()}>
        Save
      </button>
      <button type="button" class="secondary" onClick={onDone}>
        Cancel
      </button>
      <p id="save-call-note" class="save-call-note">
        {taken && 'A saved call has this name: saving replaces it. '}
        Saved calls are written to {file ?? 'a file of the workspace folder'}, which your team can commit: keep secrets out of the arguments.
      </p>
    </form>
  );
}

/** A past call as CallView shows a call. */
function recordOf(call: PastCall): CallRecord {
  const state = call.outcome === 'failed' || call.outcome === 'cancelled' ? call.outcome : 'succeeded';
  return {
    id: call.id,
    serverId: call.serverId,
    tool: call.tool,
    arguments: call.arguments,
    state,
    startedAt: call.at,
    endedAt: call.at + call.durationMs,
    ...(call.result && { result: call.result }),
    ...(call.problem && { problem: call.problem }),
    ...(call.rpcError && { rpcError: call.rpcError }),
  };
}
