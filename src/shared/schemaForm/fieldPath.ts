// Where a field sits in a form, as a JSON pointer: messages and drafts are keyed by it.

/** A field's place in the form: '' for the root, then `/property`, `/index`, `/*n` for a map's nth entry. */
export type FieldPath = string;

/** Path of a property or an item below `path`. */
export function pathOf(path: FieldPath, key: string | number): FieldPath {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1').replace(/^\*/, '~2')}`;
}

/** Path of a map entry's value (`/*n`) and its key (`/*n/key`), apart from any property's path. */
export function entryPath(path: FieldPath, index: number): FieldPath {
  return `${path}/*${index}`;
}
