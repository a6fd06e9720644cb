import { useEffect } from 'preact/hooks';
import type { ResourceContents, ResourceReadResult, ServerSummary } from '../../src/shared/model';
import type { FeaturesState, Outcome } from '../state/featuresState';
import type { InspectorState } from '../state/inspectorState';
import { CompletingField } from './CompletingField';
import { HighlightedText } from './HighlightedText';
import { base64Bytes, mediaSource } from './mediaSource';
import { ProblemView } from './ProblemView';

type Actions = Pick<InspectorState, 'copyText'>;

/** The selected resource (read when chosen) or resource template (a form for its variables), and what reading gave. */
export function ResourcePane({ features, server, actions }: { features: FeaturesState; server: ServerSummary; actions: Actions }) {
  if (features.selectedTemplate.value) return <TemplateView features={features} actions={actions} />;
  const resource = features.selectedResource.value;
  if (!resource) return <p class="placeholder">Choose a resource to read it, or a template to fill in.</p>;
  return <ResourceView key={resource.uri} features={features} server={server} actions={actions} />;
}

function ResourceView({ features, server, actions }: { features: FeaturesState; server: ServerSummary; actions: Actions }) {
  const resource = features.selectedResource.value!;
  const outcome = features.readOutcome(resource.uri);
  useEffect(() => {
    if (!outcome) features.read(resource.uri);
  }, [resource.uri]);
  const key = `${server.id}/${resource.uri}`;
  const subscribed = server.subscriptions?.includes(resource.uri) ?? false;
  const canSubscribe = (server.capabilities?.resources as { subscribe?: unknown } | undefined)?.subscribe === true;
  const subscribeError = features.subscribeErrors.value[key];
  return (
    <section class="resource-view" aria-labelledby="resource-heading">
      <h2 id="resource-heading" class="item-heading">
        {resource.title ?? resource.name}
      </h2>
      <div class="resource-uri mono">{resource.uri}</div>
      <div class="badges">
        {resource.mimeType && <span class="badge">{resource.mimeType}</span>}
        {resource.size !== undefined && <span class="badge">{resource.size} bytes</span>}
      </div>
      {resource.description && <p class="tool-description">{resource.description}</p>}
      <div class="form-actions">
        <button type="button" onClick={() => features.read(resource.uri)} disabled={outcome?.state === 'loading'}>
          <span class="codicon codicon-refresh" aria-hidden="true" /> Read again
        </button>
        {canSubscribe && (
          <button
            type="button"
            class="secondary"
            aria-pressed={subscribed}
            disabled={features.subscribing.value.has(key)}
            onClick={() => features.subscribe(resource.uri, !subscribed)}
          >
            <span class={`codicon codicon-${subscribed ? 'bell-slash' : 'bell'}`} aria-hidden="true" /> {subscribed ? 'Unsubscribe' : 'Subscribe'}
          </button>
        )}
        {subscribed && <span class="field-help">Updates appear in the timeline.</span>}
      </div>
      {subscribeError && (
        <p class="field-error" role="alert">
          {subscribeError}
        </p>
      )}
      <ReadOutcome outcome={outcome} features={features} actions={actions} />
    </section>
  );
}

function TemplateView({ features, actions }: { features: FeaturesState; actions: Actions }) {
  const template = features.selectedTemplate.value!;
  const form = features.templateForm.value;
  const outcome = form?.ok ? features.readOutcome(form.uri) : undefined;
  const fieldKey = features.templateKey.value;
  const submit = (event: Event) => {
    event.preventDefault();
    if (form?.ok) features.read(form.uri);
  };
  return (
    <section class="resource-view" aria-labelledby="resource-heading">
      <form class="template-form" onSubmit={submit} noValidate>
        <h2 id="resource-heading" class="item-heading">
          {template.title ?? template.name}
        </h2>
        <div class="resource-uri mono">{template.uriTemplate}</div>
        {template.mimeType && <span class="badge">{template.mimeType}</span>}
        {template.description && <p class="tool-description">{template.description}</p>}
        {!form?.ok ? (
          <p class="field-error" role="alert">
            The URI template cannot be filled in: {form?.reason}.
          </p>
        ) : (
          <>
            {form.variables.map((name) => (
              <CompletingField
                key={`${fieldKey}#${name}`}
                id={`template-${name}`}
                label={name}
                value={form.values[name] ?? ''}
                suggestions={features.suggestions.value[`${fieldKey}#${name}`]}
                onInput={(value, complete) => features.setTemplateValue(name, value, complete)}
              />
            ))}
            <p class="expanded-uri">
              URI: <output class="mono">{form.uri}</output>
            </p>
            <div class="form-actions">
              <button type="submit" disabled={outcome?.state === 'loading'}>
                Read
              </button>
            </div>
          </>
        )}
      </form>
      {form?.ok && <ReadOutcome outcome={outcome} features={features} actions={actions} />}
    </section>
  );
}

function ReadOutcome({ outcome, features, actions }: { outcome: Outcome<ResourceReadResult> | undefined; features: FeaturesState; actions: Actions }) {
  if (!outcome) return null;
  if (outcome.state === 'loading') return <p class="placeholder" role="status">Reading…</p>;
  if (outcome.state === 'failed') return <ProblemView problem={{ summary: outcome.error }} />;
  if (outcome.result.contents.length === 0) return <p class="placeholder">The server returned no contents.</p>;
  return (
    <div class="resource-contents">
      {outcome.result.contents.map((contents, index) => (
        <ContentsView key={index} contents={contents} features={features} actions={actions} />
      ))}
    </div>
  );
}

/** One item of a read: text highlighted by its MIME type, an image shown, other binary content as its size. */
function ContentsView({ contents, features, actions }: { contents: ResourceContents; features: FeaturesState; actions: Actions }) {
  const head = (
    <div class="resource-head">
      <span class="resource-uri mono">{contents.uri}</span>
      {contents.mimeType && <span class="badge">{contents.mimeType}</span>}
    </div>
  );
  const save = (
    <button type="button" class="secondary" onClick={() => features.save(contents.uri)}>
      <span class="codicon codicon-save" aria-hidden="true" /> Save as…
    </button>
  );
  if (contents.text !== undefined) {
    return (
      <div class="block block-resource">
        {head}
        <HighlightedText text={contents.text} mimeType={contents.mimeType} />
        <div class="resource-actions">
          <button type="button" class="secondary" onClick={() => features.openInEditor(contents.uri)}>
            <span class="codicon codicon-go-to-file" aria-hidden="true" /> Open in editor
          </button>
          <button type="button" class="secondary" onClick={() => actions.copyText(contents.text!)}>
            <span class="codicon codicon-copy" aria-hidden="true" /> Copy
          </button>
          {save}
        </div>
      </div>
    );
  }
  const bytes = base64Bytes(contents.blob);
  const image = contents.mimeType?.startsWith('image/') ? mediaSource('image', contents.mimeType, contents.blob) : undefined;
  return (
    <div class="block block-resource">
      {head}
      {image?.ok && <img class="image-block" src={image.url} alt={`Image ${contents.uri}, ${contents.mimeType}, ${image.bytes} bytes`} />}
      {image && !image.ok && <p class="block-note">{image.reason}</p>}
      <p class="resource-blob">{bytes === undefined ? 'Binary content that is not valid base64.' : `Binary content, ${bytes} bytes.`}</p>
      {bytes !== undefined && <div class="resource-actions">{save}</div>}
    </div>
  );
}
