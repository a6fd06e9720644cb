// The panel's state for a server's resources, resource templates and prompts: which section and
// item are shown, the values typed into template and prompt forms, completion suggestions as the
// user types (debounced, the latest answer wins), and the outcome of each read and get.

import { batch, computed, type ReadonlySignal, signal } from '@preact/signals';
import {
  CompleteArgument,
  GetPrompt,
  ListResourcesAndPrompts,
  OpenResource,
  ReadResource,
  SaveResource,
  SelectInPanel,
  SubscribeResource,
} from '../../src/shared/bridge';
import type { CompletionRef, PromptResult, ResourceReadResult, ServerSummary } from '../../src/shared/model';
import { expandUriTemplate, parseUriTemplate, templateVariables } from '../../src/shared/uriTemplate';
import type { Host } from '../host';

export type Section = 'tools' | 'resources' | 'prompts';

/** A listed resource, or a resource template (whose form gives the URI to read). */
export type ResourceSelection = { kind: 'resource'; uri: string } | { kind: 'template'; uriTemplate: string };

/** A read or a get: under way, done with its result, or failed with a message for the user. */
export type Outcome<T> = { state: 'loading' } | { state: 'done'; result: T } | { state: 'failed'; error: string };

/** The suggestions for one field, or why there are none. */
export interface Suggestions {
  values: string[];
  hasMore?: boolean;
  total?: number;
  error?: string;
}

/** How long typing must pause before completion/complete is asked. */
export const COMPLETION_DEBOUNCE_MS = 250;

export type FeaturesState = ReturnType<typeof createFeaturesState>;

export function createFeaturesState(host: Host, selectedServer: ReadonlySignal<ServerSummary | undefined>) {
  const chosenSection = signal<Section>('tools');
  const resourceSelection = signal<ResourceSelection | undefined>(undefined);
  const promptName = signal<string | undefined>(undefined);
  /** Form values by form key (`server/template/…` or `server/prompt/…`), then by variable or argument name. */
  const formValues = signal<Record<string, Record<string, string>>>({});
  /** The last read of each resource, by `server/uri`. */
  const reads = signal<Record<string, Outcome<ResourceReadResult>>>({});
  /** The last get of each prompt, by form key. */
  const promptResults = signal<Record<string, Outcome<PromptResult>>>({});
  /** Suggestions by form key and field name (`key#field`). */
  const suggestions = signal<Record<string, Suggestions>>({});
  /** Answers still to come for subscribe/unsubscribe, by `server/uri`. */
  const subscribing = signal<ReadonlySet<string>>(new Set());
  /** A failed subscribe or unsubscribe, by `server/uri`. */
  const subscribeErrors = signal<Record<string, string>>({});
  /** Why listing the resources and prompts again failed, until the next try. */
  const listError = signal<string | undefined>(undefined);

  const serverId = () => selectedServer.value?.id ?? '';
  /** The sections the selected server has: resources and prompts only when it offers them. */
  const sections = computed<Section[]>(() => {
    const server = selectedServer.value;
    return ['tools', ...(server?.resources || server?.resourceTemplates ? ['resources' as const] : []), ...(server?.prompts ? ['prompts' as const] : [])];
  });
  const section = computed<Section>(() => (sections.value.includes(chosenSection.value) ? chosenSection.value : 'tools'));
  const selectedResource = computed(() => {
    const selection = resourceSelection.value;
    return selection?.kind === 'resource' ? selectedServer.value?.resources?.find((resource) => resource.uri === selection.uri) : undefined;
  });
  const selectedTemplate = computed(() => {
    const selection = resourceSelection.value;
    return selection?.kind === 'template'
      ? selectedServer.value?.resourceTemplates?.find((template) => template.uriTemplate === selection.uriTemplate)
      : undefined;
  });
  const selectedPrompt = computed(() => selectedServer.value?.prompts?.find((prompt) => prompt.name === promptName.value));
  const templateKey = computed(() => `${serverId()}/template/${selectedTemplate.value?.uriTemplate}`);
  const promptKey = computed(() => `${serverId()}/prompt/${selectedPrompt.value?.name}`);
  /** The selected template parsed, its variables, and the URI its form's values give. */
  const templateForm = computed(() => {
    const template = selectedTemplate.value;
    if (!template) return undefined;
    const parsed = parseUriTemplate(template.uriTemplate);
    if (!parsed.ok) return { ok: false as const, reason: parsed.reason };
    const values = formValues.value[templateKey.value] ?? {};
    return { ok: true as const, variables: templateVariables(parsed), values, uri: expandUriTemplate(parsed, values) };
  });
  /** Whether the server answers completion/complete. */
  const completes = computed(() => selectedServer.value?.capabilities?.completions !== undefined);

  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest completion request per field: an older answer arriving later is dropped. */
  const latest = new Map<string, number>();
  let nextAsk = 1;

  const askForCompletions = (server: string, formKey: string, ref: CompletionRef, name: string, values: Record<string, string>) => {
    const field = `${formKey}#${name}`;
    clearTimeout(timers.get(field));
    timers.set(
      field,
      setTimeout(() => {
        timers.delete(field);
        const ask = nextAsk++;
        latest.set(field, ask);
        const context = Object.fromEntries(Object.entries(values).filter(([other, value]) => other !== name && value !== ''));
        host.request(CompleteArgument, { serverId: server, ref, argument: { name, value: values[name] ?? '' }, context }).then(
          (completion) => {
            if (latest.get(field) === ask) suggestions.value = { ...suggestions.value, [field]: completion };
          },
          (error: unknown) => {
            if (latest.get(field) === ask) suggestions.value = { ...suggestions.value, [field]: { values: [], error: messageOf(error) } };
          },
        );
      }, COMPLETION_DEBOUNCE_MS),
    );
  };

  const setValue = (formKey: string, ref: CompletionRef, name: string, value: string, complete: boolean) => {
    const values = { ...formValues.value[formKey], [name]: value };
    formValues.value = { ...formValues.value, [formKey]: values };
    if (complete && completes.value) askForCompletions(serverId(), formKey, ref, name, values);
    else if (!complete) {
      // A suggestion was chosen: the others no longer apply, and an answer still on its way is dropped.
      const field = `${formKey}#${name}`;
      clearTimeout(timers.get(field));
      latest.delete(field);
      const { [field]: _chosen, ...others } = suggestions.value;
      suggestions.value = others;
    }
  };

  host.onNotification(SelectInPanel, ({ tool, prompt, resource }) =>
    batch(() => {
      if (tool !== undefined) chosenSection.value = 'tools';
      if (prompt !== undefined) {
        chosenSection.value = 'prompts';
        promptName.value = prompt;
      }
      if (resource !== undefined) {
        chosenSection.value = 'resources';
        // The tree names a resource by its URI and a template by its URI template.
        const isTemplate = /[{}]/.test(resource);
        resourceSelection.value = isTemplate ? { kind: 'template', uriTemplate: resource } : { kind: 'resource', uri: resource };
      }
    }),
  );

  return {
    sections,
    section,
    resourceSelection,
    selectedResource,
    selectedTemplate,
    selectedPrompt,
    templateForm,
    templateKey,
    promptKey,
    completes,
    formValues,
    reads,
    promptResults,
    suggestions,
    subscribing,
    subscribeErrors,
    listError,
    selectSection(next: Section) {
      chosenSection.value = next;
    },
    selectResource(selection: ResourceSelection) {
      batch(() => {
        chosenSection.value = 'resources';
        resourceSelection.value = selection;
      });
    },
    selectPrompt(name: string) {
      batch(() => {
        chosenSection.value = 'prompts';
        promptName.value = name;
      });
    },
    /** Sets a template variable; suggestions for it follow when the server completes. */
    setTemplateValue(name: string, value: string, complete = true) {
      const template = selectedTemplate.value;
      if (template) setValue(templateKey.value, { type: 'ref/resource', uri: template.uriTemplate }, name, value, complete);
    },
    /** Sets a prompt argument; suggestions for it follow when the server completes. */
    setPromptValue(name: string, value: string, complete = true) {
      const prompt = selectedPrompt.value;
      if (prompt) setValue(promptKey.value, { type: 'ref/prompt', name: prompt.name }, name, value, complete);
    },
    /** Reads a resource of the selected server; its outcome is kept under `server/uri`. */
    read(uri: string) {
      const key = `${serverId()}/${uri}`;
      reads.value = { ...reads.value, [key]: { state: 'loading' } };
      host.request(ReadResource, { serverId: serverId(), uri }).then(
        (result) => (reads.value = { ...reads.value, [key]: { state: 'done', result } }),
        (error: unknown) => (reads.value = { ...reads.value, [key]: { state: 'failed', error: messageOf(error) } }),
      );
    },
    readOutcome(uri: string): Outcome<ResourceReadResult> | undefined {
      return reads.value[`${serverId()}/${uri}`];
    },
    /** Subscribes to a resource's updates, or ends the subscription. */
    subscribe(uri: string, on: boolean) {
      const server = serverId();
      const key = `${server}/${uri}`;
      subscribing.value = new Set([...subscribing.value, key]);
      const { [key]: _dropped, ...others } = subscribeErrors.value;
      subscribeErrors.value = others;
      host
        .request(SubscribeResource, { serverId: server, uri, subscribe: on })
        .catch((error: unknown) => (subscribeErrors.value = { ...subscribeErrors.value, [key]: messageOf(error) }))
        .finally(() => (subscribing.value = new Set([...subscribing.value].filter((pending) => pending !== key))));
    },
    openInEditor(uri: string) {
      host.command(OpenResource, { serverId: serverId(), uri });
    },
    save(uri: string) {
      host.command(SaveResource, { serverId: serverId(), uri });
    },
    /** Gets the selected prompt with the arguments typed so far (empty ones left out). */
    getPrompt() {
      const prompt = selectedPrompt.value;
      if (!prompt) return;
      const key = promptKey.value;
      const args = Object.fromEntries(Object.entries(formValues.value[key] ?? {}).filter(([, value]) => value !== ''));
      promptResults.value = { ...promptResults.value, [key]: { state: 'loading' } };
      host.request(GetPrompt, { serverId: serverId(), name: prompt.name, arguments: args }).then(
        (result) => (promptResults.value = { ...promptResults.value, [key]: { state: 'done', result } }),
        (error: unknown) => (promptResults.value = { ...promptResults.value, [key]: { state: 'failed', error: messageOf(error) } }),
      );
    },
    listAgain() {
      listError.value = undefined;
      host.request(ListResourcesAndPrompts, { serverId: serverId() }).catch((error: unknown) => (listError.value = messageOf(error)));
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
