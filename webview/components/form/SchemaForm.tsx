import { useSignal } from '@preact/signals';
import { asObject, type Draft, initialDraft } from '../../../src/shared/schemaForm/draft';
import { type FieldSpec, takesEntries } from '../../../src/shared/schemaForm/fieldSpec';
import type { FieldPath, FormReading } from '../../../src/shared/schemaForm/formValue';
import { FieldView } from './FieldView';
import type { FormContext } from './formContext';
import { JsonView } from './JsonView';
import { ObjectFields } from './ObjectField';

export interface SchemaFormProps {
  spec: FieldSpec;
  draft: Draft;
  /** `readForm(spec, draft)`, computed once by the owner, who also needs it to send the value. */
  reading: FormReading;
  onChange(draft: Draft): void;
  /** Unique per form on the page. */
  idPrefix: string;
  /** Show every message, not only those of fields the user has been at (after a try to send). */
  showAllErrors: boolean;
  /** Told whether the JSON view holds text that is not (yet) the form's value. */
  onJsonProblem?(problem: string | undefined): void;
  /** What to say when the schema has no fields at all. */
  emptyText: string;
}

/**
 * A form for any JSON Schema: the fields of the root object (or the root's own field), and a
 * toggle to the whole value as JSON, kept in step with the form both ways.
 */
export function SchemaForm({ spec, draft, reading, onChange, idPrefix, showAllErrors, onJsonProblem, emptyText }: SchemaFormProps) {
  const touched = useSignal<ReadonlySet<FieldPath>>(new Set());
  const asJson = useSignal(false);
  const context: FormContext = {
    idPrefix,
    errors: reading.errors,
    showsError: (path) => showAllErrors || touched.value.has(path),
    touch: (path) => {
      if (!touched.value.has(path)) touched.value = new Set([...touched.value, path]);
    },
  };
  const rootFields = spec.kind === 'object' && !spec.nullable ? asObject(draft) : undefined;
  const errorCount = Object.keys(reading.errors).length;
  const toggle = () => {
    asJson.value = !asJson.value;
    onJsonProblem?.(undefined);
  };
  const empty = spec.kind === 'object' && spec.properties.length === 0 && !takesEntries(spec);
  return (
    <div class="schema-form">
      <div class="schema-form-toolbar">
        <button
          type="button"
          class="secondary form-button"
          onClick={() => {
            touched.value = new Set();
            asJson.value = false;
            onJsonProblem?.(undefined);
            onChange(initialDraft(spec, true));
          }}
        >
          <span class="codicon codicon-discard" aria-hidden="true" /> Reset
        </button>
        <button type="button" class="secondary form-button" aria-pressed={asJson.value} onClick={toggle}>
          <span class="codicon codicon-json" aria-hidden="true" /> Edit as JSON
        </button>
      </div>
      {asJson.value ? (
        <JsonView
          spec={spec}
          value={reading.value}
          id={`${idPrefix}json`}
          leftOut={errorCount}
          onChange={onChange}
          onProblem={(problem) => onJsonProblem?.(problem)}
        />
      ) : empty ? (
        <p class="placeholder">{emptyText}</p>
      ) : rootFields && spec.kind === 'object' ? (
        <ObjectFields spec={spec} fields={rootFields} draft={draft} path="" required context={context} onChange={onChange} />
      ) : (
        <FieldView spec={spec} draft={draft} path="" required context={context} onChange={onChange} />
      )}
    </div>
  );
}
