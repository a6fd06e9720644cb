import { asNullable, asText, type Draft, initialDraft, isThreeStateBoolean, type NullableDraft } from '../../../src/shared/schemaForm/draft';
import { type FieldSpec, optionText } from '../../../src/shared/schemaForm/fieldSpec';
import type { FieldPath } from '../../../src/shared/schemaForm/formValue';
import { ArrayField } from './ArrayField';
import { describedBy, FieldFooter, LabelMarks, type NullToggle } from './FieldFrame';
import { fieldId, type FormContext, shownError } from './formContext';
import { ObjectField } from './ObjectField';
import { VariantField } from './VariantField';

export interface FieldProps {
  spec: FieldSpec;
  draft: Draft;
  path: FieldPath;
  required: boolean;
  context: FormContext;
  onChange(draft: Draft): void;
  /** The visible label when it is not the spec's own (array items: "Item 2"). */
  label?: string;
  /** Drawn in the label row when the field also accepts null. */
  nullToggle?: NullToggle;
}

/** One field of any kind; a nullable one gets a null toggle and keeps its value while null is chosen. */
export function FieldView(props: FieldProps) {
  const { spec, draft, required, onChange } = props;
  if (spec.nullable && spec.kind !== 'enum' && spec.kind !== 'const') {
    const inner: FieldSpec = { ...spec, nullable: false, default: undefined };
    const nullable = asNullable(draft) ?? { isNull: false, value: initialDraft(inner, required) };
    return (
      <FieldView
        {...props}
        spec={inner}
        draft={nullable.value}
        onChange={(value) => onChange({ ...nullable, value } satisfies NullableDraft)}
        nullToggle={{ isNull: nullable.isNull, set: (isNull) => onChange({ ...nullable, isNull } satisfies NullableDraft) }}
      />
    );
  }
  switch (spec.kind) {
    case 'object':
      return <ObjectField {...props} spec={spec} />;
    case 'array':
      return <ArrayField {...props} spec={spec} />;
    case 'variant':
      return <VariantField {...props} spec={spec} />;
    default:
      return <ScalarField {...props} />;
  }
}

const KIND_MARKS: Partial<Record<FieldSpec['kind'], string>> = { number: 'number', integer: 'integer', json: 'JSON', const: 'fixed' };

const PLACEHOLDERS: Record<string, string> = {
  date: 'YYYY-MM-DD',
  'date-time': 'YYYY-MM-DDThh:mm:ssZ',
  time: 'hh:mm:ssZ',
  email: 'name@example.com',
  uri: 'https://…',
};

/** The three-state boolean's options; '' (not set) is absent, so it reads as null. */
const BOOLEAN_CHOICES: Record<string, boolean> = { true: true, false: false };

/** Strings, numbers, booleans, enums, constants and the JSON editor: one control with its label. */
function ScalarField({ spec, draft, path, required, context, onChange, label, nullToggle }: FieldProps) {
  const id = fieldId(context, path);
  const error = nullToggle?.isNull ? undefined : shownError(context, path);
  const reasonId = spec.kind === 'json' ? `${id}-reason` : undefined;
  const common = {
    id,
    disabled: nullToggle?.isNull,
    'aria-describedby': describedBy(id, spec, error, reasonId),
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
  };
  const change = (next: Draft) => {
    context.touch(path);
    onChange(next);
  };
  const onText = (event: Event) => change((event.currentTarget as HTMLInputElement).value);
  const text = asText(draft);
  const kind = spec.kind === 'string' && spec.format ? spec.format : KIND_MARKS[spec.kind];

  // Drawn as a select, laid out like the other one-line controls rather than as a box beside its label.
  const threeState = isThreeStateBoolean(spec, required);
  let control;
  switch (spec.kind) {
    case 'boolean':
      control = threeState ? (
        <select {...common} value={typeof draft === 'boolean' ? String(draft) : ''} onChange={(event) => change(BOOLEAN_CHOICES[event.currentTarget.value] ?? null)}>
          <option value="">(not set)</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input {...common} type="checkbox" checked={draft === true} onChange={(event) => change(event.currentTarget.checked)} />
      );
      break;
    case 'enum':
      control = (
        <select {...common} value={text} onChange={onText}>
          <option value="">{required ? 'Choose…' : '(not set)'}</option>
          {spec.options.map((option) => (
            <option key={JSON.stringify(option.value)} value={JSON.stringify(option.value)}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'const':
      control = <input {...common} type="text" readOnly value={optionText(spec.value)} />;
      break;
    case 'json':
      control = <textarea {...common} rows={Math.min(8, Math.max(3, text.split('\n').length))} spellcheck={false} value={text} onInput={onText} placeholder="JSON" />;
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          inputMode={spec.kind === 'integer' ? 'numeric' : spec.kind === 'number' ? 'decimal' : spec.kind === 'string' && spec.format === 'email' ? 'email' : spec.kind === 'string' && spec.format === 'uri' ? 'url' : undefined}
          placeholder={spec.kind === 'string' && spec.format ? PLACEHOLDERS[spec.format] : undefined}
          spellcheck={spec.kind === 'string' && !spec.format}
          value={text}
          onInput={onText}
        />
      );
  }

  return (
    <div class={`field field-${threeState ? 'boolean-choice' : spec.kind}`}>
      <div class="field-label">
        <label for={id}>{label ?? spec.label}</label>
        <LabelMarks spec={spec} required={required} kind={kind} nullToggle={nullToggle} id={id} />
      </div>
      <FieldFooter spec={spec} id={id} error={error}>
        {control}
        {spec.kind === 'json' && (
          <div id={reasonId} class="field-help">
            Edited as JSON: {spec.reason}
          </div>
        )}
      </FieldFooter>
    </div>
  );
}
