import type { InspectorState } from '../state/inspectorState';
import { ServerRequests } from './answer/ServerRequests';
import { CallView } from './CallView';
import { HistoryList } from './HistoryList';
import { PastCallView } from './PastCallView';
import { PromptList } from './PromptList';
import { PromptPane } from './PromptPane';
import { ResourceList } from './ResourceList';
import { ResourcePane } from './ResourcePane';
import { SectionTabs } from './SectionTabs';
import { ServerList } from './ServerList';
import { CallEventsButton, Timeline } from './Timeline';
import { ToolForm } from './ToolForm';
import { ToolList } from './ToolList';

export function App({ state }: { state: InspectorState }) {
  const tool = state.selectedTool.value;
  const pastCall = state.history.selected.value;
  const server = state.selectedServer.value;
  const section = state.features.section.value;
  return (
    <div class="layout">
      {state.hostError.value && (
        <div class="host-error" role="alert">
          <span class="codicon codicon-error" aria-hidden="true" /> {state.hostError.value}
        </div>
      )}
      <nav class="sidebar" aria-label="Servers and tools">
        <ServerList state={state} />
        {server && <SectionTabs features={state.features} server={server} />}
        {server && section === 'resources' ? (
          <ResourceList features={state.features} server={server} />
        ) : server && section === 'prompts' ? (
          <PromptList features={state.features} server={server} />
        ) : state.features.sections.value.length > 1 ? (
          <div id="section-panel" role="tabpanel" aria-labelledby="section-tab-tools">
            <ToolList state={state} />
          </div>
        ) : (
          <ToolList state={state} />
        )}
        <HistoryList state={state} />
      </nav>
      <main class="workbench">
        <ServerRequests state={state} />
        {pastCall ? (
          <PastCallView key={pastCall.kind === 'past' ? pastCall.call.id : pastCall.call.name} state={state} entry={pastCall} />
        ) : server && section === 'resources' ? (
          <ResourcePane features={state.features} server={server} actions={state} />
        ) : server && section === 'prompts' ? (
          <PromptPane features={state.features} actions={state} />
        ) : tool ? (
          <>
            <ToolForm key={`${state.selectedServer.value?.id}/${tool.name}`} state={state} tool={tool} />
            <CallView call={state.currentCall.value} tool={tool} actions={state} verdict={state.outputVerdict.value} />
            <CallEventsButton state={state} />
          </>
        ) : (
          <p class="placeholder">
            {state.servers.value.length === 0
              ? 'No MCP server is configured. Add one to start.'
              : 'Choose a tool to call it.'}
          </p>
        )}
      </main>
      <Timeline state={state} />
    </div>
  );
}
