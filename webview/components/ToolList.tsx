import type { ToolSummary } from '../../src/shared/model';
import type { InspectorState } from '../state/inspectorState';
import { moveFocusInList } from './listKeys';
import { mediaSource } from './mediaSource';

/** The annotation hints shown as badges, with what each one tells. */
const HINTS = [
  { key: 'readOnlyHint', label: 'read-only', icon: 'eye', tip: 'Does not change its environment' },
  { key: 'destructiveHint', label: 'destructive', icon: 'warning', tip: 'May destroy or overwrite data' },
  { key: 'idempotentHint', label: 'idempotent', icon: 'refresh', tip: 'Calling it again with the same arguments changes nothing more' },
  { key: 'openWorldHint', label: 'open-world', icon: 'globe', tip: 'Reaches entities outside the server (the web, other systems)' },
] as const;

/** The tools of the selected server: a filter, each tool with its title, hints and icon, and the list-changed mark. */
export function ToolList({ state }: { state: InspectorState }) {
  const server = state.selectedServer.value;
  if (!server) return null;
  const selected = state.selectedTool.value?.name;
  const filter = state.toolFilter.value.trim().toLowerCase();
  const shown = filter ? server.tools.filter((tool) => matches(tool, filter)) : server.tools;
  const focusable = shown.some((tool) => tool.name === selected) ? selected : shown[0]?.name;
  return (
    <section class="tools" aria-labelledby="tools-heading">
      <header class="section-header">
        <h2 id="tools-heading">Tools of {server.id}</h2>
        <span class="count">{server.tools.length ? (filter ? `${shown.length} of ${server.tools.length}` : server.tools.length) : ''}</span>
        {server.state === 'connected' && (
          <button type="button" class="icon-button" title="List again" aria-label="List tools again" onClick={() => state.listTools(server.id)}>
            <span class="codicon codicon-refresh" aria-hidden="true" />
          </button>
        )}
      </header>
      {server.toolsChanged && (
        <div class="tools-changed" role="status">
          <span class="codicon codicon-info" aria-hidden="true" /> The server says its tools changed.
          <button type="button" class="secondary" onClick={() => state.listTools(server.id)}>
            List again
          </button>
        </div>
      )}
      {server.state !== 'connected' ? (
        <p class="placeholder">Connect to list its tools.</p>
      ) : server.tools.length === 0 ? (
        <p class="placeholder">The server lists no tools.</p>
      ) : (
        <>
          <input
            type="search"
            class="tool-filter"
            aria-label="Filter tools"
            placeholder="Filter by name, title or description"
            value={state.toolFilter.value}
            onInput={(event) => state.filterTools(event.currentTarget.value)}
          />
          {shown.length === 0 && <p class="placeholder">No tool matches “{state.toolFilter.value}”.</p>}
          <ul class="tool-list" onKeyDown={moveFocusInList}>
            {shown.map((tool, index) => (
              <li key={tool.name} class={`tool-item ${tool.name === selected ? 'selected' : ''}`}>
                <button
                  type="button"
                  class="tool"
                  data-list-item
                  tabIndex={tool.name === focusable ? 0 : -1}
                  aria-label={tool.name}
                  aria-describedby={`tool-about-${index}`}
                  aria-pressed={tool.name === selected}
                  onClick={() => state.selectTool(server.id, tool.name)}
                >
                  <ToolIcon tool={tool} />
                  <span class="tool-name">{tool.name}</span>
                </button>
                <ToolAbout tool={tool} id={`tool-about-${index}`} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ToolAbout({ tool, id }: { tool: ToolSummary; id: string }) {
  const title = toolTitle(tool);
  const hints = HINTS.filter((hint) => tool.annotations?.[hint.key] === true);
  return (
    <div class="tool-about" id={id}>
      {title && title !== tool.name && <div class="tool-title">{title}</div>}
      {tool.description && <div class="tool-description-line">{tool.description}</div>}
      {hints.length > 0 && (
        <ul class="badges" aria-label="Hints">
          {hints.map((hint) => (
            <li key={hint.key} class={`badge hint-${hint.label}`} title={hint.tip}>
              <span class={`codicon codicon-${hint.icon}`} aria-hidden="true" /> {hint.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The first icon the panel may show: a `data:` image of a safe type (the CSP allows no other source). */
function ToolIcon({ tool }: { tool: ToolSummary }) {
  for (const icon of tool.icons ?? []) {
    const match = /^data:([^;,]+);base64,(.*)$/s.exec(icon.src);
    if (!match) continue;
    const source = mediaSource('image', match[1], match[2]);
    if (source.ok) return <img class="tool-icon" src={source.url} alt="" width={16} height={16} />;
  }
  return <span class="codicon codicon-tools" aria-hidden="true" />;
}

/** The tool's title: its own, else the one in its annotations. */
function toolTitle(tool: ToolSummary): string | undefined {
  const hinted = tool.annotations?.title;
  return tool.title ?? (typeof hinted === 'string' ? hinted : undefined);
}

function matches(tool: ToolSummary, filter: string): boolean {
  return [tool.name, toolTitle(tool), tool.description].some((text) => text?.toLowerCase().includes(filter));
}
