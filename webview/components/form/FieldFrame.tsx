import type { ComponentChildren } from 'preact';
import type { FieldSpec } from '../../../src/shared/schemaForm/fieldSpec';

/** The null toggle of a nullable field, drawn in its label row. */
export interface NullToggle {
  isNull: boolean;
  set(isNull: boolean): void;
}

/** The ids of a field's help, notes and error, for aria-describedby. */
export function describedBy(id: string, spec: FieldSpec, error: string | undefined, extra?: string): string | undefined {
  const ids = [spec.description && `${id}-help`, spec.notes.length > 0 && `${id}-notes`, extra, error && `${id}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The label row's marks: required, kind, and the null toggle. */
export function LabelMarks({ spec, required, kind, nullToggle, id }: { spec: FieldSpec; required: boolean; kind?: string; nullToggle?: NullToggle; id: string }) {
  return (
    <>
      {required && (
        <span class="required" title="required" aria-hidden="true">
          *
        </span>
      )}
      {kind && (
        <span class="field-kind" aria-hidden="true">
          {kind}
        </span>
      )}
      {nullToggle && (
        <label class="null-toggle">
          <input
            type="checkbox"
            id={`${id}-null`}
            aria-label={`${spec.label}: null`}
            checked={nullToggle.isNull}
            onChange={(event) => nullToggle.set(event.currentTarget.checked)}
          />
          null
        </label>
      )}
    </>
  );
}

/** Help text, schema notes and the error below a field, each with the id its control points to. */
export function FieldFooter({ spec, id, error, children }: { spec: FieldSpec; id: string; error: string | undefined; children?: ComponentChildren }) {
  return (
    <>
      {children}
      {spec.description && (
        <div id={`${id}-help`} class="field-help">
          {spec.description}
        </div>
      )}
      {spec.notes.length > 0 && (
        <div id={`${id}-notes`} class="field-notes">
          <span class="codicon codicon-warning" aria-hidden="true" /> {spec.notes.join(' ')}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} class="field-error" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
