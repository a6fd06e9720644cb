import { asObject, asVariant, childSpec, initialDraft, initialVariant, type VariantDraft } from '../../../src/shared/schemaForm/draft';
import type { FieldSpec } from '../../../src/shared/schemaForm/fieldSpec';
import { ContainerFrame } from './ContainerFrame';
import { FieldView, type FieldProps } from './FieldView';
import { fieldId } from './formContext';
import { ObjectFields } from './ObjectField';

type VariantSpec = Extract<FieldSpec, { kind: 'variant' }>;

/**
 * oneOf/anyOf: a picker for the variant, then the chosen variant's fields. Each variant keeps its
 * own draft, so looking at another one and coming back loses nothing.
 */
export function VariantField(props: FieldProps & { spec: VariantSpec }) {
  const { spec, draft, path, required, context, onChange } = props;
  const chosen = asVariant(spec, draft);
  const pickerId = fieldId(context, path, 'variant');
  const pick = (index: number) => {
    context.touch(path);
    if (index < 0) return onChange(null);
    const drafts = chosen?.drafts ?? {};
    onChange(index in drafts ? { variant: index, drafts } : { variant: index, drafts: { ...drafts, ...initialVariant(spec, index).drafts } });
  };
  const variantSpec = chosen && childSpec(spec, chosen.variant);
  const variantDraft = chosen && variantSpec && (chosen.drafts[chosen.variant] ?? initialDraft(variantSpec, true));
  const setVariantDraft = (value: unknown) => onChange({ variant: chosen!.variant, drafts: { ...chosen!.drafts, [chosen!.variant]: value } } satisfies VariantDraft);
  const fields = variantSpec?.kind === 'object' && !variantSpec.nullable ? asObject(variantDraft) : undefined;
  return (
    <ContainerFrame {...props} hideError={variantSpec !== undefined && !fields}>
      <div class="variant-picker">
        <label for={pickerId}>Variant</label>
        <select id={pickerId} aria-label={`${props.label ?? spec.label} variant`} value={chosen ? String(chosen.variant) : ''} onChange={(event) => pick(Number(event.currentTarget.value || -1))}>
          {(!required || !chosen) && <option value="">{required ? 'Choose…' : '(not set)'}</option>}
          {spec.variants.map((variant, index) => (
            <option key={index} value={String(index)}>
              {variant.label}
            </option>
          ))}
        </select>
      </div>
      {variantSpec && variantSpec.kind === 'object' && fields ? (
        <ObjectFields {...props} spec={variantSpec} fields={fields} onChange={setVariantDraft} />
      ) : (
        variantSpec && <FieldView spec={variantSpec} draft={variantDraft} path={path} required context={context} label={`${props.label ?? spec.label} value`} onChange={setVariantDraft} />
      )}
    </ContainerFrame>
  );
}
