import { useSignal } from '@preact/signals';
import type { ToolSummary } from '../../src/shared/model';
import type { InspectorState } from '../state/inspectorState';
import { SchemaForm } from './form/SchemaForm';

/** How many of the form's messages the line beside Run repeats. */
const REASONS_SHOWN = 3;

/** A tool's form: its heading, the schema form for its arguments, and Run, held back while anything is wrong. */
export function ToolForm({ state, tool }: { state: InspectorState; tool: ToolSummary }) {
  const triedToRun = useSignal(false);
  const jsonProblem = useSignal<string | undefined>(undefined);
  const spec = state.formSpec.value;
  const reading = state.formReading.value;
  const running = state.currentCall.value?.state === 'running';
  const messages = [...(jsonProblem.value ? [jsonProblem.value] : []), ...Object.values(reading.errors)];
  const blocked = messages.length > 0;

  const submit = (event: Event) => {
    event.preventDefault();
    if (blocked) {
      triedToRun.value = true;
      // The first field with a message takes the focus, so the keyboard lands where the work is.
      requestAnimationFrame(() => (document.querySelector('.tool-form :is(input, select, textarea)[aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    state.run();
  };

  return (
    <form class="tool-form" onSubmit={submit} aria-labelledby="tool-heading" noValidate>
      <h2 id="tool-heading">{tool.title ?? tool.name}</h2>
      {tool.title && <div class="tool-form-name">{tool.name}</div>}
      {tool.description && <p class="tool-description">{tool.description}</p>}
      <SchemaForm
        spec={spec}
        draft={state.draft.value}
        reading={reading}
        onChange={state.setDraft}
        idPrefix="field-"
        showAllErrors={triedToRun.value}
        onJsonProblem={(problem) => (jsonProblem.value = problem)}
        emptyText="This tool takes no arguments."
      />
      <div class="form-actions">
        <button type="submit" disabled={running} aria-describedby={blocked ? 'run-blocked' : undefined}>
          Run
        </button>
        {blocked && (
          // Not a live region: it changes with every keystroke. Run's description reads it out.
          <p id="run-blocked" class="run-blocked">
            <span class="codicon codicon-circle-slash" aria-hidden="true" /> Not sent until this is fixed:{' '}
            {messages.slice(0, REASONS_SHOWN).join(' ')}
            {messages.length > REASONS_SHOWN && ` (and ${messages.length - REASONS_SHOWN} more)`}
          </p>
        )}
      </div>
    </form>
  );
}
