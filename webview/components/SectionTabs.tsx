import type { ServerSummary } from '../../src/shared/model';
import type { FeaturesState, Section } from '../state/featuresState';

const LABELS: Record<Section, { label: string; icon: string }> = {
  tools: { label: 'Tools', icon: 'tools' },
  resources: { label: 'Resources', icon: 'files' },
  prompts: { label: 'Prompts', icon: 'comment-discussion' },
};

/** Tools, Resources and Prompts of the selected server, as tabs (arrow keys move between them); shown only when it has more than tools. */
export function SectionTabs({ features, server }: { features: FeaturesState; server: ServerSummary }) {
  const sections = features.sections.value;
  if (sections.length < 2) return null;
  const current = features.section.value;
  const counts: Record<Section, number> = {
    tools: server.tools.length,
    resources: (server.resources?.length ?? 0) + (server.resourceTemplates?.length ?? 0),
    prompts: server.prompts?.length ?? 0,
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const index = event.key === 'Home' ? 0 : event.key === 'End' ? sections.length - 1 : (sections.indexOf(current) + step + sections.length) % sections.length;
    if (!step && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    features.selectSection(sections[index]);
    requestAnimationFrame(() => (document.getElementById(`section-tab-${sections[index]}`) as HTMLElement | null)?.focus());
  };
  return (
    <div class="section-tabs" role="tablist" aria-label={`What ${server.id} offers`} onKeyDown={onKeyDown}>
      {sections.map((section) => (
        <button
          key={section}
          type="button"
          role="tab"
          id={`section-tab-${section}`}
          class="section-tab"
          aria-selected={section === current}
          aria-controls="section-panel"
          tabIndex={section === current ? 0 : -1}
          onClick={() => features.selectSection(section)}
        >
          <span class={`codicon codicon-${LABELS[section].icon}`} aria-hidden="true" /> {LABELS[section].label}{' '}
          <span class="count">{counts[section]}</span>
        </button>
      ))}
    </div>
  );
}
