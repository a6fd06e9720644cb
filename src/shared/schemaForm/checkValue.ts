// A whole value checked against a schema the way the form checks what a person typed: used for a
// tool result's `structuredContent` against the tool's `outputSchema`, without eval.

import { describeRoot } from './fieldSpec';
import { problemsOf } from './formValue';
import { rootAt } from './resolve';

/**
 * What is wrong with `value` under `schema`: one message per place, each value of the wrong type
 * or not an allowed one included, a JSON pointer first (the label for the whole value); empty
 * when it fits.
 */
export function checkValue(schema: unknown, value: unknown, label = 'Value'): string[] {
  return Object.entries(problemsOf(describeRoot(rootAt(schema), label), value)).map(([path, message]) =>
    path === '' ? message : `${path}: ${message}`,
  );
}
