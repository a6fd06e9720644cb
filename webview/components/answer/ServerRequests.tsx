import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { PendingServerRequest, ServerRequestAnswer } from '../../../src/shared/model';
import type { InspectorState } from '../../state/inspectorState';
import { ElicitationRequest } from './ElicitationRequest';
import { SamplingRequest } from './SamplingRequest';

/** What each request's panel needs: send the answer (rejects with why it was not sent), and open or copy what the server sent. */
export interface AnswerActions extends Pick<InspectorState, 'copyText' | 'openLink' | 'elicitationComplete'> {
  send(answer: ServerRequestAnswer): Promise<unknown>;
}

const TITLES: Record<PendingServerRequest['method'], string> = {
  'sampling/createMessage': 'asks for a sampling reply',
  'elicitation/create': 'asks for information',
};

/**
 * The servers' requests that wait for the user, oldest first, each with its own answer form and the
 * time left before MCP Scope refuses it for them; and the ones that went away without an answer, with why.
 */
export function ServerRequests({ state }: { state: InspectorState }) {
  const { pending, unanswered } = state.answers;
  if (pending.value.length === 0 && unanswered.value.length === 0) return null;
  return (
    <section class="server-requests" aria-labelledby="server-requests-heading">
      <header class="section-header">
        <h2 id="server-requests-heading">Server requests</h2>
        <span class="count">{pending.value.length} waiting</span>
      </header>
      {unanswered.value.map((settled) => (
        <p key={settled.id} class="server-request-gone" role="status">
          <span class="codicon codicon-info" aria-hidden="true" /> {settled.serverId}’s {settled.method} request went away without your answer:{' '}
          {settled.reason}
          <button type="button" class="icon-button" title="Dismiss" aria-label="Dismiss" onClick={() => state.answers.dismiss(settled.id)}>
            <span class="codicon codicon-close" aria-hidden="true" />
          </button>
        </p>
      ))}
      {pending.value.map((request) => (
        <PendingRequest key={request.id} request={request} state={state} />
      ))}
    </section>
  );
}

function PendingRequest({ request, state }: { request: PendingServerRequest; state: InspectorState }) {
  const failure = useSignal<string | undefined>(undefined);
  const headingId = `server-request-${request.id}`;
  const actions: AnswerActions = {
    copyText: state.copyText,
    openLink: state.openLink,
    elicitationComplete: state.elicitationComplete,
    send: (answer) => {
      failure.value = undefined;
      return state.answers.answer(request.id, answer).catch((error: unknown) => {
        failure.value = error instanceof Error ? error.message : String(error);
      });
    },
  };
  return (
    <article class="server-request" aria-labelledby={headingId} data-method={request.method}>
      <header class="server-request-header">
        <h3 id={headingId}>
          {request.serverId} {TITLES[request.method]}
        </h3>
        <span class="mono server-request-method">{request.method}</span>
        <Countdown request={request} />
      </header>
      {request.taskId !== undefined && (
        <p class="server-request-task">
          <span class="codicon codicon-tasklist" aria-hidden="true" /> Runs as task <span class="mono">{request.taskId}</span>: {request.serverId} already
          has the task and fetches your answer with tasks/result.
        </p>
      )}
      {request.method === 'sampling/createMessage' ? (
        <SamplingRequest request={request} actions={actions} />
      ) : (
        <ElicitationRequest request={request} actions={actions} />
      )}
      {failure.value && (
        <p class="problem" role="alert">
          <span class="codicon codicon-error" aria-hidden="true" /> Not sent: {failure.value}
        </p>
      )}
    </article>
  );
}

/** The time left before MCP Scope answers for the user. */
function Countdown({ request }: { request: PendingServerRequest }) {
  const now = useSignal(Date.now());
  useEffect(() => {
    const timer = setInterval(() => (now.value = Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((request.deadline - now.value) / 1000));
  const what = request.method === 'sampling/createMessage' ? 'Refused' : 'Cancelled';
  return (
    <span class="elapsed" role="timer" aria-label="Time left to answer">
      {what} for you in {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}
    </span>
  );
}
