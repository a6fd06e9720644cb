import type { ServerSummary } from '../../src/shared/model';
import type { FeaturesState } from '../state/featuresState';
import { FeatureListHeader } from './FeatureListHeader';
import { moveFocusInList } from './listKeys';

/** The selected server's prompts; choosing one shows its argument form beside the list. */
export function PromptList({ features, server }: { features: FeaturesState; server: ServerSummary }) {
  const prompts = server.prompts ?? [];
  const selected = features.selectedPrompt.value?.name;
  const focusable = prompts.some((prompt) => prompt.name === selected) ? selected : prompts[0]?.name;
  return (
    <section class="prompts" id="section-panel" role="tabpanel" aria-labelledby="prompts-heading">
      <FeatureListHeader features={features} id="prompts-heading" title={`Prompts of ${server.id}`} what="prompts" />
      {prompts.length === 0 && <p class="placeholder">The server lists no prompts.</p>}
      <ul class="tool-list prompt-list" onKeyDown={moveFocusInList}>
        {prompts.map((prompt) => (
          <li key={prompt.name} class={`tool-item ${prompt.name === selected ? 'selected' : ''}`}>
            <button
              type="button"
              class="tool"
              data-list-item
              tabIndex={prompt.name === focusable ? 0 : -1}
              aria-pressed={prompt.name === selected}
              aria-label={prompt.name}
              onClick={() => features.selectPrompt(prompt.name)}
            >
              <span class="codicon codicon-comment-discussion" aria-hidden="true" />
              <span class="tool-name">{prompt.name}</span>
            </button>
            <div class="tool-about">
              {prompt.title && <div class="tool-title">{prompt.title}</div>}
              {prompt.description && <div class="tool-description-line">{prompt.description}</div>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
