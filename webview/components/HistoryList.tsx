import type { PastCallOutcome, PastCallSummary, SavedCall } from '../../src/shared/history';
import type { InspectorState } from '../state/inspectorState';
import { moveFocusInList } from './listKeys';
import { ProblemView } from './ProblemView';
import { clockTime, formatDuration } from './TimelineList';

/** How many characters of a call's arguments a row shows. */
const ARGUMENTS_SHOWN = 80;

export const OUTCOME_ICONS: Record<PastCallOutcome, string> = {
  succeeded: 'pass',
  'tool error': 'warning',
  failed: 'error',
  cancelled: 'circle-slash',
};

/** The saved and past calls of the selected server, newest first; choosing one shows it in the workbench. */
export function HistoryList({ state }: { state: InspectorState }) {
  const server = state.selectedServer.value;
  if (!server) return null;
  const { view, selected } = state.history;
  const saved = view.value.saved.calls.filter((call) => call.serverId === server.id);
  const past = view.value.past.filter((call) => call.serverId === server.id);
  const chosen = selected.value;
  return (
    <section class="history" aria-labelledby="history-heading">
      <header class="section-header">
        <h2 id="history-heading">History of {server.id}</h2>
        <span class="count">{past.length || ''}</span>
      </header>
      {view.value.saved.problems.map((problem, index) => (
        <ProblemView key={index} problem={problem} />
      ))}
      {saved.length > 0 && (
        <>
          <h3 class="history-subheading">Saved</h3>
          <ul class="history-list" aria-label="Saved calls" onKeyDown={moveFocusInList}>
            {saved.map((call, index) => (
              <SavedRow
                key={call.name}
                call={call}
                selected={chosen?.kind === 'saved' && chosen.call.name === call.name}
                focusable={chosen?.kind === 'saved' ? chosen.call.name === call.name : index === 0}
                state={state}
              />
            ))}
          </ul>
        </>
      )}
      {past.length === 0 ? (
        <p class="placeholder">No calls yet: the calls you run show here.</p>
      ) : (
        <>
          {saved.length > 0 && <h3 class="history-subheading">Past calls</h3>}
          <ul class="history-list" aria-label="Past calls" onKeyDown={moveFocusInList}>
            {past.map((call, index) => (
              <PastRow
                key={call.id}
                call={call}
                selected={chosen?.kind === 'past' && chosen.call.id === call.id}
                focusable={chosen?.kind === 'past' && past.some((shown) => shown.id === chosen.call.id) ? chosen.call.id === call.id : index === 0}
                state={state}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PastRow({ call, selected, focusable, state }: { call: PastCallSummary; selected: boolean; focusable: boolean; state: InspectorState }) {
  return (
    <li class={`history-item outcome-${call.outcome.replace(' ', '-')} ${selected ? 'selected' : ''}`}>
      <button
        type="button"
        class="history-entry"
        data-list-item
        tabIndex={focusable ? 0 : -1}
        aria-pressed={selected}
        aria-label={`Past call: ${call.tool}, ${call.outcome}, ${whenText(call.at)}, ${formatDuration(call.durationMs)}`}
        onClick={() => state.history.select({ kind: 'past', call })}
      >
        <span class="history-line">
          <span class={`codicon codicon-${OUTCOME_ICONS[call.outcome]}`} aria-hidden="true" />
          <span class="history-tool">{call.tool}</span>
          <span class="history-when">{whenText(call.at)}</span>
          <span class="duration">{formatDuration(call.durationMs)}</span>
        </span>
        <span class="history-arguments">{argumentsSummary(call.arguments)}</span>
      </button>
    </li>
  );
}

function SavedRow({ call, selected, focusable, state }: { call: SavedCall; selected: boolean; focusable: boolean; state: InspectorState }) {
  return (
    <li class={`history-item ${selected ? 'selected' : ''}`}>
      <button
        type="button"
        class="history-entry"
        data-list-item
        tabIndex={focusable ? 0 : -1}
        aria-pressed={selected}
        aria-label={`Saved call: ${call.name} (${call.tool})`}
        onClick={() => state.history.select({ kind: 'saved', call })}
      >
        <span class="history-line">
          <span class="codicon codicon-bookmark" aria-hidden="true" />
          <span class="history-name">{call.name}</span>
          <span class="history-tool">{call.tool}</span>
        </span>
        <span class="history-arguments">{argumentsSummary(call.arguments)}</span>
      </button>
    </li>
  );
}

/** The time of day for a call of today, else the date and time. */
export function whenText(at: number): string {
  const date = new Date(at);
  return date.toDateString() === new Date().toDateString() ? clockTime(at).slice(0, 8) : `${date.toLocaleDateString()} ${clockTime(at).slice(0, 5)}`;
}

/** `a: 2, b: "x"`, cut short to fit a row. */
function argumentsSummary(args: Record<string, unknown>): string {
  const text = Object.entries(args)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(', ');
  if (!text) return '(no arguments)';
  return text.length > ARGUMENTS_SHOWN ? `${text.slice(0, ARGUMENTS_SHOWN)}…` : text;
}
