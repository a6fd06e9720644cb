import { useSignal } from '@preact/signals';
import type { ToolSummary } from '../../src/shared/model';
import { fieldError, type FormField } from '../../src/shared/toolForm';
import type { InspectorState } from '../state/inspectorState';

export function ToolForm({ state, tool }: { state: InspectorState; tool: ToolSummary }) {
  const errors = useSignal<Record<string, string>>({});
  const draft = state.draft.value;
  const fields = state.fields.value;
  const running = state.currentCall.value?.state === 'running';

  const change = (field: FormField, value: string) => {
    state.setDraftValue(field.name, value);
    const { [field.name]: _previous, ...rest } = errors.value;
    const message = fieldError(field, value);
    errors.value = message ? { ...rest, [field.name]: message } : rest;
  };
  const submit = (event: Event) => {
    event.preventDefault();
    errors.value = state.run() ?? {};
  };

  return (
    <form class="tool-form" onSubmit={submit} aria-labelledby="tool-heading">
      <h2 id="tool-heading">{tool.title ?? tool.name}</h2>
      {tool.title && <div class="tool-form-name">{tool.name}</div>}
      {tool.description && <p class="tool-description">{tool.description}</p>}
      {fields.length === 0 && <p class="placeholder">This tool takes no arguments.</p>}
      {fields.map((field) => (
        <Field key={field.name} field={field} value={draft[field.name] ?? field.initial} error={errors.value[field.name]} onChange={change} />
      ))}
      <div class="form-actions">
        <button type="submit" disabled={running}>
          Run
        </button>
      </div>
    </form>
  );
}

function Field({
  field,
  value,
  error,
  onChange,
}: {
  field: FormField;
  value: string;
  error: string | undefined;
  onChange(field: FormField, value: string): void;
}) {
  const id = `field-${field.name}`;
  const described = [field.description && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    'aria-describedby': described,
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required || undefined,
  };
  const input = (event: Event) => onChange(field, (event.currentTarget as HTMLInputElement).value);

  const control =
    field.kind === 'boolean' ? (
      <input {...common} type="checkbox" checked={value === 'true'} onChange={(event) => onChange(field, String(event.currentTarget.checked))} />
    ) : field.kind === 'enum' ? (
      <select {...common} value={value} onChange={input}>
        <option value="">{field.required ? 'Choose…' : '(not set)'}</option>
        {field.options!.map((option) => (
          <option key={JSON.stringify(option)} value={JSON.stringify(option)}>
            {typeof option === 'string' ? option : JSON.stringify(option)}
          </option>
        ))}
      </select>
    ) : field.kind === 'json' ? (
      <textarea {...common} rows={4} spellcheck={false} value={value} onInput={input} placeholder="JSON" />
    ) : (
      <input
        {...common}
        type="text"
        inputMode={field.kind === 'string' ? undefined : field.kind === 'integer' ? 'numeric' : 'decimal'}
        spellcheck={field.kind === 'string'}
        value={value}
        onInput={input}
      />
    );

  return (
    <div class={`field field-${field.kind}`}>
      <div class="field-label">
        <label for={id}>{field.label}</label>
        {field.required && (
          <span class="required" title="required" aria-hidden="true">
            *
          </span>
        )}
        {field.kind !== 'string' && field.kind !== 'boolean' && (
          <span class="field-kind" aria-hidden="true">
            {field.kind}
          </span>
        )}
      </div>
      {control}
      {field.description && (
        <div id={`${id}-help`} class="field-help">
          {field.description}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} class="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
