import type { ServerSummary } from '../../src/shared/model';
import type { FeaturesState } from '../state/featuresState';
import { FeatureListHeader } from './FeatureListHeader';
import { moveFocusInList } from './listKeys';

/** The selected server's resources and resource templates; choosing one shows it beside the list. */
export function ResourceList({ features, server }: { features: FeaturesState; server: ServerSummary }) {
  const resources = server.resources ?? [];
  const templates = server.resourceTemplates ?? [];
  const selection = features.resourceSelection.value;
  const subscribed = new Set(server.subscriptions ?? []);
  const isSelected = (key: string) => (selection?.kind === 'resource' ? selection.uri : selection?.uriTemplate) === key;
  const keys = [...resources.map((resource) => resource.uri), ...templates.map((template) => template.uriTemplate)];
  const focusable = keys.find(isSelected) ?? keys[0];
  return (
    <section class="resources" id="section-panel" role="tabpanel" aria-labelledby="resources-heading">
      <FeatureListHeader features={features} id="resources-heading" title={`Resources of ${server.id}`} what="resources" />
      {keys.length === 0 && <p class="placeholder">The server lists no resources.</p>}
      <ul class="tool-list resource-list" onKeyDown={moveFocusInList}>
        {resources.map((resource) => (
          <li key={`r:${resource.uri}`} class={`tool-item ${isSelected(resource.uri) ? 'selected' : ''}`}>
            <button
              type="button"
              class="tool"
              data-list-item
              tabIndex={resource.uri === focusable ? 0 : -1}
              aria-pressed={isSelected(resource.uri)}
              aria-label={resource.title ?? resource.name}
              onClick={() => features.selectResource({ kind: 'resource', uri: resource.uri })}
            >
              <span class={`codicon codicon-${subscribed.has(resource.uri) ? 'bell-dot' : 'file'}`} aria-hidden="true" />
              <span class="tool-name">{resource.title ?? resource.name}</span>
            </button>
            <div class="tool-about">
              <div class="resource-uri mono">{resource.uri}</div>
              {resource.mimeType && <span class="badge">{resource.mimeType}</span>}
            </div>
          </li>
        ))}
        {templates.map((template) => (
          <li key={`t:${template.uriTemplate}`} class={`tool-item ${isSelected(template.uriTemplate) ? 'selected' : ''}`}>
            <button
              type="button"
              class="tool"
              data-list-item
              tabIndex={template.uriTemplate === focusable ? 0 : -1}
              aria-pressed={isSelected(template.uriTemplate)}
              aria-label={`${template.title ?? template.name} (template)`}
              onClick={() => features.selectResource({ kind: 'template', uriTemplate: template.uriTemplate })}
            >
              <span class="codicon codicon-file-symlink-file" aria-hidden="true" />
              <span class="tool-name">{template.title ?? template.name}</span>
            </button>
            <div class="tool-about">
              <div class="resource-uri mono">{template.uriTemplate}</div>
              <span class="badge">template</span>
              {template.mimeType && <span class="badge">{template.mimeType}</span>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
