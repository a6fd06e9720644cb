// What every widget of one form shares: where its ids come from, which errors to show, and how a
// widget says that the user has been at it (errors show as you type, not before).

import type { FieldPath } from '../../../src/shared/schemaForm/formValue';

export interface FormContext {
  /** Unique to the form, so that two forms on one page never share an element id. */
  idPrefix: string;
  errors: Record<FieldPath, string>;
  /** Whether the message for `path` is shown: the user has been at the field, or tried to send. */
  showsError(path: FieldPath): boolean;
  touch(path: FieldPath): void;
}

/** An element id for a field's path; characters outside [A-Za-z0-9-] are spelled out so ids never collide. */
export function fieldId(context: FormContext, path: FieldPath, part = ''): string {
  const safe = path.replace(/[^A-Za-z0-9-]/g, (character) => `_${character.codePointAt(0)!.toString(16)}_`);
  return `${context.idPrefix}${safe}${part && `-${part}`}`;
}

/** The message to show for `path` now, if any. */
export function shownError(context: FormContext, path: FieldPath): string | undefined {
  return context.showsError(path) ? context.errors[path] : undefined;
}

/** Moves the focus to an element that the next render will draw (after a move or a removal). */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
