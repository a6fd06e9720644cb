import { childSpec, type Draft, initialDraft, itemName } from '../../../src/shared/schemaForm/draft';
import type { FieldSpec } from '../../../src/shared/schemaForm/fieldSpec';
import { pathOf } from '../../../src/shared/schemaForm/formValue';
import { ContainerFrame, IconButton, TextButton } from './ContainerFrame';
import { FieldView, type FieldProps } from './FieldView';
import { fieldId, focusSoon } from './formContext';

type ArraySpec = Extract<FieldSpec, { kind: 'array' }>;

/**
 * A list: each item its own field, moved up or down or removed; Add item stops at maxItems.
 * A tuple's positions keep their place (only the last one may be removed, to send fewer); the
 * items after them move and go like a list's.
 */
export function ArrayField(props: FieldProps & { spec: ArraySpec }) {
  const { spec, draft, path, required, context, onChange } = props;
  const items = Array.isArray(draft) ? (draft as Draft[]) : undefined;
  const addId = fieldId(context, path, 'add');
  const buttonId = (index: number, action: string) => fieldId(context, pathOf(path, index), action);
  const update = (next: Draft[] | null) => {
    context.touch(path);
    onChange(next);
  };
  const move = (from: number, to: number) => {
    const next = [...items!];
    [next[from], next[to]] = [next[to], next[from]];
    update(next);
    focusSoon(buttonId(to, from < to ? 'down' : 'up'));
  };
  const full = items !== undefined && spec.maxItems !== undefined && items.length >= spec.maxItems;
  const name = props.label ?? spec.label;
  return (
    <ContainerFrame
      {...props}
      actions={items && !required ? <IconButton icon="close" label={`Leave out ${name}`} onClick={() => { update(null); focusSoon(addId); }} /> : undefined}
    >
      {items && items.length === 0 && <p class="placeholder">Empty list{required ? '' : ', sent as []'}.</p>}
      {items && items.length > 0 && (
        <ol class="array-items">
          {items.map((item, index) => {
            const itemSpec = childSpec(spec, index);
            const positional = index < spec.prefix.length;
            return (
              <li key={index} class="array-item">
                <FieldView
                  spec={itemSpec}
                  draft={item}
                  path={pathOf(path, index)}
                  required
                  // A tuple position's own title says more than its number ("Latitude", not "Item 1").
                  label={positional && itemSpec.label !== itemName(spec, index) ? itemSpec.label : `Item ${index + 1}`}
                  context={context}
                  onChange={(value) => onChange(items.map((old, i) => (i === index ? value : old)))}
                />
                <span class="item-actions">
                  {!positional && (
                    <>
                      <IconButton id={buttonId(index, 'up')} icon="arrow-up" label={`Move item ${index + 1} up`} disabled={index === spec.prefix.length} onClick={() => move(index, index - 1)} />
                      <IconButton id={buttonId(index, 'down')} icon="arrow-down" label={`Move item ${index + 1} down`} disabled={index === items.length - 1} onClick={() => move(index, index + 1)} />
                    </>
                  )}
                  {(!positional || index === items.length - 1) && (
                    <IconButton
                      icon="trash"
                      label={`Remove item ${index + 1}`}
                      onClick={() => {
                        update(items.filter((_, i) => i !== index));
                        focusSoon(addId);
                      }}
                    />
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <TextButton
        id={addId}
        icon="add"
        text="Add item"
        disabled={full}
        onClick={() => {
          const list = items ?? [];
          update([...list, initialDraft({ ...childSpec(spec, list.length), recursive: false }, true)]);
          focusSoon(fieldId(context, pathOf(path, list.length)));
        }}
      />
    </ContainerFrame>
  );
}
