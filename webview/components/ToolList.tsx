import type { InspectorState } from '../state/inspectorState';

export function ToolList({ state }: { state: InspectorState }) {
  const server = state.selectedServer.value;
  if (!server) return null;
  const selected = state.selectedTool.value?.name;
  return (
    <section class="tools" aria-labelledby="tools-heading">
      <header class="section-header">
        <h2 id="tools-heading">Tools of {server.id}</h2>
        <span class="count">{server.tools.length || ''}</span>
      </header>
      {server.state !== 'connected' ? (
        <p class="placeholder">Connect to list its tools.</p>
      ) : server.tools.length === 0 ? (
        <p class="placeholder">The server lists no tools.</p>
      ) : (
        <ul class="tool-list">
          {server.tools.map((tool) => (
            <li key={tool.name}>
              <button
                type="button"
                class={`tool ${tool.name === selected ? 'selected' : ''}`}
                aria-pressed={tool.name === selected}
                title={tool.description}
                onClick={() => state.selectTool(server.id, tool.name)}
              >
                <span class="tool-name">{tool.name}</span>
                {tool.title && tool.title !== tool.name && <span class="tool-title">{tool.title}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
