import { asEntries, asObject, childSpec, type Draft, initialDraft, MAP_ENTRIES } from '../../../src/shared/schemaForm/draft';
import { type FieldSpec, takesEntries } from '../../../src/shared/schemaForm/fieldSpec';
import { entryPath, pathOf } from '../../../src/shared/schemaForm/formValue';
import { ContainerFrame, IconButton, TextButton } from './ContainerFrame';
import { FieldView, type FieldProps } from './FieldView';
import { fieldId, focusSoon, shownError } from './formContext';

type ObjectSpec = Extract<FieldSpec, { kind: 'object' }>;

/**
 * A nested object: its properties as fields inside a group, plus a key/value editor for
 * additionalProperties and patternProperties. An optional (or recursive) object starts left out, with a button to add it.
 */
export function ObjectField(props: FieldProps & { spec: ObjectSpec }) {
  const { spec, draft, path, required, context, onChange } = props;
  const fields = asObject(draft);
  const open = () => {
    context.touch(path);
    onChange(initialDraft({ ...spec, recursive: false, default: undefined }, true));
  };
  const addId = fieldId(context, path, 'add');
  const actions = !fields ? (
    <TextButton id={addId} icon="add" text={`Add ${props.label ?? spec.label}`} onClick={open} />
  ) : !required ? (
    <IconButton icon="close" label={`Leave out ${props.label ?? spec.label}`} onClick={() => { onChange(null); focusSoon(addId); }} />
  ) : undefined;
  return (
    <ContainerFrame {...props} actions={actions}>
      {fields && <ObjectFields {...props} fields={fields} />}
    </ContainerFrame>
  );
}

/** The fields of an object draft; also the whole body of a form and of an object variant. */
export function ObjectFields({ spec, fields, path, context, onChange }: FieldProps & { spec: ObjectSpec; fields: Record<string, Draft> }) {
  const set = (name: string, value: Draft) => onChange({ ...fields, [name]: value });
  return (
    <>
      {spec.properties.map((property) => {
        const child = childSpec(spec, property.name);
        return (
          <FieldView
            key={property.name}
            spec={child}
            draft={property.name in fields ? fields[property.name] : initialDraft(child, property.required)}
            path={pathOf(path, property.name)}
            required={property.required}
            context={context}
            onChange={(value) => set(property.name, value)}
          />
        );
      })}
      {takesEntries(spec) && <MapEntries spec={spec} fields={fields} path={path} context={context} onChange={onChange} />}
    </>
  );
}

/** additionalProperties and patternProperties: rows of a key and a value, added and removed by the user. */
function MapEntries({ spec, fields, path, context, onChange }: Pick<FieldProps, 'path' | 'context' | 'onChange'> & { spec: ObjectSpec; fields: Record<string, Draft> }) {
  const entries = asEntries(fields);
  const setEntries = (next: [string, Draft][]) => onChange({ ...fields, [MAP_ENTRIES]: next });
  const addId = fieldId(context, path, 'add-entry');
  const named = spec.properties.length > 0;
  return (
    <div class="map-entries" role="group" aria-label={named ? `Other properties of ${spec.label}` : `Entries of ${spec.label}`}>
      {named && <div class="field-label">Other properties</div>}
      <ol>
        {entries.map(([key, value], index) => {
          const at = entryPath(path, index);
          const keyPath = `${at}/key`;
          const keyId = fieldId(context, keyPath);
          const keyError = shownError(context, keyPath);
          const valueSpec = childSpec(spec, key);
          return (
            <li key={index} class="map-entry">
              <div class="field field-key">
                <div class="field-label">
                  <label for={keyId}>Key {index + 1}</label>
                </div>
                <input
                  id={keyId}
                  type="text"
                  value={key}
                  aria-invalid={keyError ? true : undefined}
                  aria-describedby={keyError ? `${keyId}-error` : undefined}
                  onInput={(event) => {
                    context.touch(keyPath);
                    setEntries(entries.map((entry, i) => (i === index ? [event.currentTarget.value, entry[1]] : entry)));
                  }}
                />
                {keyError && (
                  <div id={`${keyId}-error`} class="field-error" role="alert">
                    {keyError}
                  </div>
                )}
              </div>
              <FieldView
                spec={valueSpec}
                draft={value}
                path={at}
                required
                label={key || `Value ${index + 1}`}
                context={context}
                onChange={(next) => setEntries(entries.map((entry, i) => (i === index ? [entry[0], next] : entry)))}
              />
              <IconButton
                icon="trash"
                label={`Remove entry ${index + 1}`}
                onClick={() => {
                  setEntries(entries.filter((_, i) => i !== index));
                  focusSoon(addId);
                }}
              />
            </li>
          );
        })}
      </ol>
      <TextButton
        id={addId}
        icon="add"
        text="Add entry"
        onClick={() => {
          setEntries([...entries, ['', initialDraft(childSpec(spec, ''), true)]]);
          focusSoon(fieldId(context, `${entryPath(path, entries.length)}/key`));
        }}
      />
    </div>
  );
}
