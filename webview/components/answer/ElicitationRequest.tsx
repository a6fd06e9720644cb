import { useSignal } from '@preact/signals';
import type { PendingServerRequest } from '../../../src/shared/model';
import { type Draft, initialDraft } from '../../../src/shared/schemaForm/draft';
import { describeRoot } from '../../../src/shared/schemaForm/fieldSpec';
import { readForm } from '../../../src/shared/schemaForm/formValue';
import { isRecord, rootAt } from '../../../src/shared/schemaForm/resolve';
import { SchemaForm } from '../form/SchemaForm';
import { ElicitationCompleteNote, UrlToVisit } from '../UrlToVisit';
import type { AnswerActions } from './ServerRequests';

/** An `elicitation/create` request: a form built from its `requestedSchema`, or (URL mode) a link the user may open. */
export function ElicitationRequest({ request, actions }: { request: PendingServerRequest; actions: AnswerActions }) {
  const { params } = request;
  return (
    <div class="elicitation-request">
      {typeof params.message === 'string' && <p class="elicitation-message">{params.message}</p>}
      {params.mode === 'url' ? <UrlElicitation request={request} actions={actions} /> : <FormElicitation request={request} actions={actions} />}
    </div>
  );
}

/** Decline and Cancel, the two ways of not giving the server what it asked for. */
function RefuseButtons({ actions }: { actions: AnswerActions }) {
  return (
    <>
      <button type="button" class="secondary" onClick={() => void actions.send({ result: { action: 'decline' } })}>
        Decline
      </button>
      <button type="button" class="secondary" onClick={() => void actions.send({ result: { action: 'cancel' } })}>
        Cancel
      </button>
    </>
  );
}

/** Form mode: the same schema form as a tool's arguments, opened with the schema's defaults. */
function FormElicitation({ request, actions }: { request: PendingServerRequest; actions: AnswerActions }) {
  const schema = isRecord(request.params.requestedSchema) ? request.params.requestedSchema : { type: 'object' };
  const spec = describeRoot(rootAt(schema), 'Requested information');
  const draft = useSignal<Draft>(initialDraft(spec, true));
  const tried = useSignal(false);
  const jsonProblem = useSignal<string | undefined>(undefined);
  const reading = readForm(spec, draft.value);
  const messages = [...(jsonProblem.value ? [jsonProblem.value] : []), ...Object.values(reading.errors)];

  const accept = (event: Event) => {
    event.preventDefault();
    tried.value = true;
    if (messages.length > 0 || !isRecord(reading.value)) return;
    void actions.send({ result: { action: 'accept', content: reading.value } });
  };

  return (
    <form class="elicitation-form" onSubmit={accept} noValidate aria-label="Requested information">
      <SchemaForm
        spec={spec}
        draft={draft.value}
        reading={reading}
        onChange={(next) => (draft.value = next)}
        idPrefix={`elicit-${request.id}-`}
        showAllErrors={tried.value}
        onJsonProblem={(problem) => (jsonProblem.value = problem)}
        emptyText="The server asks for no fields: accepting only confirms."
      />
      <div class="form-actions">
        <button type="submit">Accept</button>
        <RefuseButtons actions={actions} />
        {tried.value && messages.length > 0 && (
          <p class="run-blocked" role="alert">
            <span class="codicon codicon-circle-slash" aria-hidden="true" /> Not sent until this is fixed: {messages.slice(0, 3).join(' ')}
          </p>
        )}
      </div>
    </form>
  );
}

/**
 * URL mode: the whole URL and its site for the user to examine; it is opened only when they click
 * Open, and then they tell the server whether they went ahead.
 */
function UrlElicitation({ request, actions }: { request: PendingServerRequest; actions: AnswerActions }) {
  return (
    <div class="url-elicitation">
      <UrlToVisit url={typeof request.params.url === 'string' ? request.params.url : ''} actions={actions} />
      {actions.elicitationComplete(request.serverId, request.params.elicitationId) && <ElicitationCompleteNote serverId={request.serverId} />}
      <div class="form-actions">
        <button type="button" onClick={() => void actions.send({ result: { action: 'accept' } })}>
          Accept
        </button>
        <RefuseButtons actions={actions} />
      </div>
    </div>
  );
}

