import type { ComponentChildren } from 'preact';
import type { FieldSpec } from '../../../src/shared/schemaForm/fieldSpec';
import type { FieldPath } from '../../../src/shared/schemaForm/formValue';
import { FieldFooter, LabelMarks, type NullToggle } from './FieldFrame';
import { fieldId, type FormContext, shownError } from './formContext';

/**
 * The group around an object, array or variant: a fieldset whose legend is the field's name, so
 * every control inside is announced within it. `actions` go beside the legend (add, leave out).
 */
export function ContainerFrame({
  spec,
  path,
  required,
  context,
  label,
  nullToggle,
  actions,
  hideError,
  children,
}: {
  spec: FieldSpec;
  path: FieldPath;
  required: boolean;
  context: FormContext;
  label?: string;
  nullToggle?: NullToggle;
  actions?: ComponentChildren;
  /** When a field inside shows the message for this same path itself. */
  hideError?: boolean;
  children?: ComponentChildren;
}) {
  const id = fieldId(context, path, 'group');
  const error = nullToggle?.isNull || hideError ? undefined : shownError(context, path);
  return (
    <fieldset id={id} class={`field field-group field-${spec.kind}`} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      {/* The legend is the group's accessible name: only the label and the (unspoken) required mark go in it. */}
      <legend>
        {label ?? spec.label}
        <LabelMarks spec={spec} required={required} id={id} />
      </legend>
      {(nullToggle || actions) && (
        <div class="field-actions">
          {nullToggle && <LabelMarks spec={spec} required={false} nullToggle={nullToggle} id={id} />}
          {actions}
        </div>
      )}
      <FieldFooter spec={spec} id={id} error={error} />
      {!nullToggle?.isNull && children}
    </fieldset>
  );
}

/** A small button with a codicon and a spoken name. */
export function IconButton({ icon, label, onClick, disabled, id }: { icon: string; label: string; onClick(): void; disabled?: boolean; id?: string }) {
  return (
    <button type="button" id={id} class="icon-button" aria-label={label} title={label} disabled={disabled} onClick={onClick}>
      <span class={`codicon codicon-${icon}`} aria-hidden="true" />
    </button>
  );
}

/** A button with a codicon and visible text. */
export function TextButton({ icon, text, label, onClick, disabled, id }: { icon: string; text: string; label?: string; onClick(): void; disabled?: boolean; id?: string }) {
  return (
    <button type="button" id={id} class="secondary form-button" aria-label={label} disabled={disabled} onClick={onClick}>
      <span class={`codicon codicon-${icon}`} aria-hidden="true" /> {text}
    </button>
  );
}
