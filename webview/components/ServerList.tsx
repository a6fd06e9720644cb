import type { ConnectionState } from '../../src/shared/model';
import type { InspectorState } from '../state/inspectorState';
import { ProblemView } from './ProblemView';

const STATE_ICONS: Record<ConnectionState, string> = {
  idle: 'circle-outline',
  connecting: 'loading codicon-modifier-spin',
  connected: 'pass-filled',
  failed: 'error',
  closed: 'circle-slash',
};

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
      <ul class="server-list">
        {state.servers.value.map((server) => (
          <li key={server.id} class={`server ${server.id === selected?.id ? 'selected' : ''}`} data-state={server.state}>
            <button type="button" class="server-name" onClick={() => state.selectServer(server.id)} aria-pressed={server.id === selected?.id}>
              <span class={`codicon codicon-${STATE_ICONS[server.state]}`} aria-hidden="true" />
              <span>{server.id}</span>
              <span class="server-state">{server.state}</span>
            </button>
            <div class="server-address">{server.address}</div>
            {server.state === 'connected' && (
              <div class="server-info">
                {server.serverInfo && `${server.serverInfo.name} ${server.serverInfo.version} · `}
                <span title={server.eraReason}>
                  protocol {server.protocolVersion}
                  {server.era === 'stateless' && ' (stateless)'}
                </span>
                {server.sessionId && ` · session ${server.sessionId}`}
              </div>
            )}
            {server.problem && <ProblemView problem={server.problem} />}
            <div class="server-actions">
              {server.state === 'connected' || server.state === 'connecting' ? (
                <button type="button" class="secondary" onClick={() => state.disconnect(server.id)}>
                  Disconnect
                </button>
              ) : (
                <button type="button" onClick={() => state.connect(server.id)}>
                  {server.state === 'idle' ? 'Connect' : 'Reconnect'}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
