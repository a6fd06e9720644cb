import { useSignal } from '@preact/signals';
import { draftFromValue, type Draft } from '../../../src/shared/schemaForm/draft';
import type { FieldSpec } from '../../../src/shared/schemaForm/fieldSpec';

/**
 * The whole value as editable JSON. Text that parses and fits the form replaces the form's draft
 * as you type; anything else is reported here and leaves the draft as it was.
 */
export function JsonView({
  spec,
  value,
  id,
  leftOut,
  onChange,
  onProblem,
}: {
  spec: FieldSpec;
  value: unknown;
  id: string;
  /** How many fields are in error, and so missing from `value`. */
  leftOut: number;
  onChange(draft: Draft): void;
  onProblem(problem: string | undefined): void;
}) {
  // The text is the user's while this view is open; it starts as the form's value.
  const text = useSignal(JSON.stringify(value ?? {}, null, 2));
  const problem = useSignal<string | undefined>(undefined);
  const report = (message: string | undefined) => {
    problem.value = message;
    onProblem(message);
  };
  const input = (next: string) => {
    text.value = next;
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch (error) {
      return report(`The JSON is not valid: ${(error as Error).message}. The form keeps its last valid values.`);
    }
    const draft = draftFromValue(spec, parsed);
    if (!draft.ok) return report(`The JSON does not fit the form: ${draft.error} The form keeps its last valid values.`);
    report(undefined);
    onChange(draft.draft);
  };
  return (
    <div class="field json-view">
      <div class="field-label">
        <label for={id}>{spec.label} as JSON</label>
      </div>
      <textarea
        id={id}
        class="json-text"
        rows={Math.min(24, Math.max(6, text.value.split('\n').length + 1))}
        spellcheck={false}
        value={text.value}
        aria-invalid={problem.value ? true : undefined}
        aria-describedby={problem.value ? `${id}-error` : leftOut > 0 ? `${id}-help` : undefined}
        onInput={(event) => input(event.currentTarget.value)}
      />
      {leftOut > 0 && !problem.value && (
        <div id={`${id}-help`} class="field-help">
          {leftOut === 1 ? 'One field has an error and is' : `${leftOut} fields have errors and are`} left out of this JSON.
        </div>
      )}
      {problem.value && (
        <div id={`${id}-error`} class="field-error" role="alert">
          {problem.value}
        </div>
      )}
    </div>
  );
}
