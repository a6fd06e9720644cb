import type { FeaturesState } from '../state/featuresState';

/** The heading of the resources or prompts list, with List again and why the last listing failed. */
export function FeatureListHeader({ features, id, title, what }: { features: FeaturesState; id: string; title: string; what: string }) {
  return (
    <>
      <header class="section-header">
        <h2 id={id}>{title}</h2>
        <button type="button" class="icon-button" title="List again" aria-label={`List ${what} again`} onClick={features.listAgain}>
          <span class="codicon codicon-refresh" aria-hidden="true" />
        </button>
      </header>
      {features.listError.value && (
        <p class="field-error" role="alert">
          {features.listError.value}
        </p>
      )}
    </>
  );
}
