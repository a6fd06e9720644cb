import type { ConnectionState, ServerSummary } from '../../src/shared/model';
import type { InspectorState } from '../state/inspectorState';
import { PingButton } from './answer/PingButton';
import { RootsEditor } from './answer/RootsEditor';
import { moveFocusInList } from './listKeys';
import { ProblemView } from './ProblemView';

const STATE_ICONS: Record<ConnectionState, string> = {
  idle: 'circle-outline',
  connecting: 'loading codicon-modifier-spin',
  connected: 'pass-filled',
  failed: 'error',
  closed: 'circle-slash',
};

/** Every configured server: its state, what it said of itself, and connect, disconnect, reconnect. */
export function ServerList({ state }: { state: InspectorState }) {
  const selected = state.selectedServer.value;
  return (
    <section class="servers" aria-labelledby="servers-heading">
      <header class="section-header">
        <h2 id="servers-heading">Servers</h2>
        <button type="button" class="icon-button" title="Add Server" aria-label="Add Server" onClick={state.addServer}>
          <span class="codicon codicon-add" aria-hidden="true" />
        </button>
      </header>
      <ul class="server-list" onKeyDown={moveFocusInList}>
        {state.servers.value.map((server) => (
          <ServerItem key={server.id} server={server} selected={server.id === selected?.id} state={state} />
        ))}
      </ul>
    </section>
  );
}

function ServerItem({ server, selected, state }: { server: ServerSummary; selected: boolean; state: InspectorState }) {
  const connected = server.state === 'connected';
  const info = server.serverInfo;
  return (
    <li class={`server ${selected ? 'selected' : ''}`} data-state={server.state}>
      <button
        type="button"
        class="server-name"
        data-list-item
        tabIndex={selected ? 0 : -1}
        aria-pressed={selected}
        onClick={() => state.selectServer(server.id)}
      >
        <span class={`codicon codicon-${STATE_ICONS[server.state]}`} aria-hidden="true" />
        <span>{server.id}</span>
        <span class="server-state">{server.state}</span>
      </button>
      <div class="server-address">{server.address}</div>
      {connected && (
        <dl class="server-facts">
          {info && (
            <>
              <dt>Server</dt>
              <dd>
                {info.title && <span class="server-title">{info.title} </span>}
                <span class="mono">
                  {info.name} {info.version}
                </span>
              </dd>
            </>
          )}
          <dt>Protocol</dt>
          <dd class="mono">{server.protocolVersion}</dd>
          <dt>Session</dt>
          <dd class="mono">{server.sessionId ?? 'none (the server keeps no session)'}</dd>
        </dl>
      )}
      {connected && server.capabilities && <Capabilities capabilities={server.capabilities} />}
      {connected && server.instructions && (
        <details class="instructions">
          <summary>Instructions</summary>
          <pre>{server.instructions}</pre>
        </details>
      )}
      {server.problem && <ProblemView problem={server.problem} />}
      <RootsEditor server={server} state={state} />
      <div class="server-actions">
        {connected || server.state === 'connecting' ? (
          <>
            <button type="button" class="secondary" onClick={() => state.disconnect(server.id)}>
              Disconnect
            </button>
            {connected && (
              <button type="button" class="secondary" onClick={() => state.reconnect(server.id)}>
                Reconnect
              </button>
            )}
            {connected && <PingButton serverId={server.id} state={state} />}
          </>
        ) : (
          <button type="button" onClick={() => state.connect(server.id)}>
            {server.state === 'idle' ? 'Connect' : 'Reconnect'}
          </button>
        )}
      </div>
    </li>
  );
}

/** The declared capabilities as badges: `tools · listChanged`, `logging`… */
function Capabilities({ capabilities }: { capabilities: Record<string, unknown> }) {
  const names = Object.keys(capabilities);
  if (names.length === 0) return <p class="placeholder">The server declares no capabilities.</p>;
  return (
    <ul class="badges" aria-label="Capabilities">
      {names.map((name) => {
        const value = capabilities[name];
        const flags =
          typeof value === 'object' && value !== null && !Array.isArray(value)
            ? Object.keys(value).filter((flag) => (value as Record<string, unknown>)[flag] !== false)
            : [];
        return (
          <li key={name} class="badge" title={JSON.stringify(value)}>
            <span>
              {name}
              {flags.length > 0 && <span class="badge-detail"> · {flags.join(', ')}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
