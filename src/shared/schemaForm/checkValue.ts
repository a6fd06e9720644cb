// A whole value checked against a schema the way the form checks what a person typed: used for a
// tool result's `structuredContent` against the tool's `outputSchema`, without eval.

import { draftFromValue } from './draft';
import { describeRoot } from './fieldSpec';
import { readForm } from './formValue';
import { rootAt } from './resolve';

/** What is wrong with `value` under `schema`, one message per place (a JSON pointer first); empty when it fits. */
export function checkValue(schema: unknown, value: unknown, label = 'Value'): string[] {
  const spec = describeRoot(rootAt(schema), label);
  const draft = draftFromValue(spec, value, { skipUnlisted: true });
  if (!draft.ok) return [draft.error];
  const { errors } = readForm(spec, draft.draft);
  return Object.entries(errors).map(([path, message]) => (path === '' ? message : `${path}: ${message}`));
}
