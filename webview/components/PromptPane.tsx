import { useSignal } from '@preact/signals';
import type { PromptResult } from '../../src/shared/model';
import type { FeaturesState } from '../state/featuresState';
import type { InspectorState } from '../state/inspectorState';
import { CompletingField } from './CompletingField';
import { ProblemView } from './ProblemView';
import { ResultBlock } from './ResultContent';

type Actions = Pick<InspectorState, 'copyText' | 'openLink'>;

/** The selected prompt: a form for its arguments (with the server's completions), Get, and the messages it gave, by role. */
export function PromptPane({ features, actions }: { features: FeaturesState; actions: Actions }) {
  const prompt = features.selectedPrompt.value;
  if (!prompt) return <p class="placeholder">Choose a prompt to fill in its arguments.</p>;
  return <PromptForm key={features.promptKey.value} features={features} actions={actions} />;
}

function PromptForm({ features, actions }: { features: FeaturesState; actions: Actions }) {
  const prompt = features.selectedPrompt.value!;
  const key = features.promptKey.value;
  const triedToGet = useSignal(false);
  const values = features.formValues.value[key] ?? {};
  const missing = (prompt.arguments ?? []).filter((arg) => arg.required && !values[arg.name]);
  const outcome = features.promptResults.value[key];
  const submit = (event: Event) => {
    event.preventDefault();
    if (missing.length > 0) {
      triedToGet.value = true;
      return;
    }
    features.getPrompt();
  };
  return (
    <section class="prompt-view" aria-labelledby="prompt-heading">
      <form class="prompt-form" onSubmit={submit} noValidate>
        <h2 id="prompt-heading" class="item-heading">
          {prompt.title ?? prompt.name}
        </h2>
        {prompt.title && <div class="tool-form-name">{prompt.name}</div>}
        {prompt.description && <p class="tool-description">{prompt.description}</p>}
        {(prompt.arguments ?? []).length === 0 && <p class="placeholder">This prompt takes no arguments.</p>}
        {(prompt.arguments ?? []).map((arg) => (
          <CompletingField
            key={`${key}#${arg.name}`}
            id={`prompt-arg-${arg.name}`}
            label={arg.name}
            description={arg.description}
            required={arg.required}
            value={values[arg.name] ?? ''}
            error={triedToGet.value && arg.required && !values[arg.name] ? `${arg.name} is required.` : undefined}
            suggestions={features.suggestions.value[`${key}#${arg.name}`]}
            onInput={(value, complete) => features.setPromptValue(arg.name, value, complete)}
          />
        ))}
        <div class="form-actions">
          <button type="submit" disabled={outcome?.state === 'loading'}>
            Get prompt
          </button>
        </div>
      </form>
      {outcome?.state === 'loading' && (
        <p class="placeholder" role="status">
          Getting the prompt…
        </p>
      )}
      {outcome?.state === 'failed' && <ProblemView problem={{ summary: outcome.error }} />}
      {outcome?.state === 'done' && <PromptMessages result={outcome.result} actions={actions} />}
    </section>
  );
}

function PromptMessages({ result, actions }: { result: PromptResult; actions: Actions }) {
  return (
    <div class="prompt-result">
      {result.description && <p class="tool-description">{result.description}</p>}
      {result.messages.length === 0 && <p class="placeholder">The prompt has no messages.</p>}
      <ol class="prompt-messages" aria-label="Messages">
        {result.messages.map((message, index) => (
          <li key={index} class={`prompt-message role-${message.role === 'assistant' ? 'assistant' : 'user'}`}>
            <div class="message-role">
              <span class={`codicon codicon-${message.role === 'assistant' ? 'hubot' : 'account'}`} aria-hidden="true" /> {message.role}
            </div>
            <ResultBlock block={message.content} actions={actions} origin="message" />
          </li>
        ))}
      </ol>
    </div>
  );
}
