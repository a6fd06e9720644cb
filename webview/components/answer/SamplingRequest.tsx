import { useSignal } from '@preact/signals';
import type { ContentBlock, PendingServerRequest } from '../../../src/shared/model';
import { isRecord } from '../../../src/shared/schemaForm/resolve';
import { JsonTree } from '../JsonTree';
import { ResultBlock } from '../ResultContent';
import type { AnswerActions } from './ServerRequests';

/** The stop reasons the spec names; a server may accept others, but these are what a person picks from. */
const STOP_REASONS = ['endTurn', 'stopSequence', 'maxTokens'];

/**
 * A `sampling/createMessage` request: the conversation by role with its content (text, images,
 * audio), the system prompt, model preferences and limits; and the reply the user writes (text,
 * role, model, stop reason), or Decline.
 */
export function SamplingRequest({ request, actions }: { request: PendingServerRequest; actions: AnswerActions }) {
  const params = request.params;
  const prefix = `sampling-${request.id}`;
  const text = useSignal('');
  const role = useSignal<'assistant' | 'user'>('assistant');
  const model = useSignal(firstHint(params.modelPreferences) ?? 'mcp-scope-user');
  const stopReason = useSignal('endTurn');
  const tried = useSignal(false);
  const missing = text.value.trim() === '' ? 'Write the reply first.' : model.value.trim() === '' ? 'Name the model the reply is from.' : undefined;

  const send = (event: Event) => {
    event.preventDefault();
    tried.value = true;
    if (missing) return;
    void actions.send({
      result: { role: role.value, content: { type: 'text', text: text.value }, model: model.value.trim(), stopReason: stopReason.value },
    });
  };

  return (
    <form class="sampling-request" onSubmit={send} noValidate aria-label="Sampling reply">
      <h4>Messages</h4>
      <ol class="sampling-messages">
        {(Array.isArray(params.messages) ? params.messages : []).map((message, index) => (
          <SamplingMessage key={index} message={message} actions={actions} />
        ))}
      </ol>
      {typeof params.systemPrompt === 'string' && (
        <>
          <h4>System prompt</h4>
          <pre class="system-prompt">{params.systemPrompt}</pre>
        </>
      )}
      <dl class="sampling-facts">
        {typeof params.maxTokens === 'number' && <Fact name="Max tokens" value={String(params.maxTokens)} />}
        {typeof params.temperature === 'number' && <Fact name="Temperature" value={String(params.temperature)} />}
        {Array.isArray(params.stopSequences) && <Fact name="Stop sequences" value={params.stopSequences.map((s) => JSON.stringify(s)).join(', ')} />}
        {typeof params.includeContext === 'string' && <Fact name="Include context" value={params.includeContext} />}
        {isRecord(params.modelPreferences) && <Fact name="Model preferences" value={describePreferences(params.modelPreferences)} />}
      </dl>
      <details class="sampling-params">
        <summary>All parameters</summary>
        <JsonTree value={params} label="Parameters of the sampling request" />
      </details>

      <h4>Your reply</h4>
      <div class="field">
        <label for={`${prefix}-text`}>Reply text</label>
        <textarea
          id={`${prefix}-text`}
          rows={4}
          value={text.value}
          aria-invalid={tried.value && text.value.trim() === ''}
          onInput={(event) => (text.value = event.currentTarget.value)}
        />
      </div>
      <div class="sampling-reply-meta">
        <div class="field">
          <label for={`${prefix}-role`}>Role</label>
          <select id={`${prefix}-role`} value={role.value} onChange={(event) => (role.value = event.currentTarget.value as 'assistant' | 'user')}>
            <option value="assistant">assistant</option>
            <option value="user">user</option>
          </select>
        </div>
        <div class="field">
          <label for={`${prefix}-model`}>Model</label>
          <input
            type="text"
            id={`${prefix}-model`}
            value={model.value}
            aria-invalid={tried.value && model.value.trim() === ''}
            onInput={(event) => (model.value = event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`${prefix}-stop`}>Stop reason</label>
          <select id={`${prefix}-stop`} value={stopReason.value} onChange={(event) => (stopReason.value = event.currentTarget.value)}>
            {STOP_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {reason}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="form-actions">
        <button type="submit">Send reply</button>
        <button type="button" class="secondary" onClick={() => void actions.send({ refuse: true })}>
          Decline
        </button>
        {tried.value && missing && (
          <p class="run-blocked" role="alert">
            <span class="codicon codicon-circle-slash" aria-hidden="true" /> Not sent: {missing}
          </p>
        )}
      </div>
    </form>
  );
}

/** One message of the conversation: its role, and each content block shown for what it is. */
function SamplingMessage({ message, actions }: { message: unknown; actions: AnswerActions }) {
  if (!isRecord(message)) return <li class="sampling-message">{JSON.stringify(message)}</li>;
  const role = typeof message.role === 'string' ? message.role : '(no role)';
  const blocks = (Array.isArray(message.content) ? message.content : [message.content]).filter(
    (block): block is ContentBlock => isRecord(block) && typeof block.type === 'string',
  );
  return (
    <li class="sampling-message" data-role={role}>
      <span class="sampling-role badge">{role}</span>
      {blocks.length === 0 && <JsonTree value={message.content} label="Content of the message" />}
      {blocks.map((block, index) => (
        <ResultBlock key={index} block={block} actions={actions} origin="message" />
      ))}
    </li>
  );
}

function Fact({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** The first model hint's name: what a reply most likely names as its model. */
function firstHint(preferences: unknown): string | undefined {
  if (!isRecord(preferences) || !Array.isArray(preferences.hints)) return undefined;
  const [first] = preferences.hints as unknown[];
  return isRecord(first) && typeof first.name === 'string' && first.name !== '' ? first.name : undefined;
}

/** "hints: claude-3-sonnet, claude · cost 0.3 · speed 0.8 · intelligence 0.5" */
function describePreferences(preferences: Record<string, unknown>): string {
  const hints = Array.isArray(preferences.hints)
    ? preferences.hints.flatMap((hint) => (isRecord(hint) && typeof hint.name === 'string' ? [hint.name] : []))
    : [];
  const parts = hints.length ? [`hints: ${hints.join(', ')}`] : [];
  for (const [key, label] of [
    ['costPriority', 'cost'],
    ['speedPriority', 'speed'],
    ['intelligencePriority', 'intelligence'],
  ] as const) {
    if (typeof preferences[key] === 'number') parts.push(`${label} ${preferences[key]}`);
  }
  return parts.join(' · ') || 'none given';
}
