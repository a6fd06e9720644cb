// A connected server's resources, resource templates and prompts: listed on connect when the
// server offers them, listed again when it says they changed, and the resource subscriptions,
// which the 2025 era makes with resources/subscribe and the stateless era through one
// subscriptions/listen stream (opened again whenever its filter changes).

import type { McpClient, Subscription, SubscriptionFilter } from '../mcp/client';
import { McpScopeError, problemOf } from '../mcp/problems';
import type { Prompt, Resource, ResourceTemplate } from '../mcp/protocol';
import type { Problem, PromptSummary, ResourceSummary, ResourceTemplateSummary, ServerSummary } from '../shared/model';

/** What the features need from the session that owns them. */
export interface FeaturesContext {
  /** The server's name, for messages. */
  serverId: string;
  /** Something went wrong that the user should see on the timeline. */
  problem(problem: Problem): void;
  /** The lists or subscriptions changed. */
  changed(): void;
}

/** How long a broken subscriptions/listen stream waits before it is opened again. */
const RELISTEN_DELAY_MS = 1000;

export class ServerFeatures {
  private resources: ResourceSummary[] | undefined;
  private templates: ResourceTemplateSummary[] | undefined;
  private prompts: PromptSummary[] | undefined;
  private readonly subscribed = new Set<string>();
  private listening: Subscription | undefined;
  private relisten: ReturnType<typeof setTimeout> | undefined;
  /** The first listing is done: the session announces the connection with it, later changes are announced here. */
  private loaded = false;

  constructor(
    private readonly client: McpClient,
    private readonly context: FeaturesContext,
  ) {}

  /** The server's capabilities as it declared them. */
  private get capabilities(): Record<string, unknown> {
    return this.client.server?.capabilities ?? {};
  }

  private offers(feature: 'resources' | 'prompts' | 'tools'): Record<string, unknown> | undefined {
    const declared = this.capabilities[feature];
    return typeof declared === 'object' && declared !== null ? (declared as Record<string, unknown>) : undefined;
  }

  /** Lists what the server offers; a failure is shown on the timeline and leaves that list empty, the connection stands. */
  async load(): Promise<void> {
    await Promise.all([this.listResources(), this.listPrompts()]);
    this.loaded = true;
    if (this.client.era === 'stateless') this.listen();
  }

  /** The part of the server's summary these features fill in. */
  summary(): Pick<ServerSummary, 'resources' | 'resourceTemplates' | 'prompts' | 'subscriptions'> {
    return {
      ...(this.resources && { resources: this.resources }),
      ...(this.templates && { resourceTemplates: this.templates }),
      ...(this.prompts && { prompts: this.prompts }),
      ...(this.subscribed.size > 0 && { subscriptions: [...this.subscribed] }),
    };
  }

  /** Reacts to a notification from the server: a list that changed is listed again. */
  received(method: string): void {
    if (method === 'notifications/resources/list_changed') void this.listResources();
    else if (method === 'notifications/prompts/list_changed') void this.listPrompts();
  }

  /** Lists the resources and resource templates again. */
  async listResources(): Promise<void> {
    if (!this.offers('resources')) return;
    const [resources, templates] = await Promise.all([
      this.attempt('list the resources', () => this.client.listResources()),
      this.attempt('list the resource templates', () => this.client.listResourceTemplates()),
    ]);
    this.resources = resources?.map(resourceSummaryOf) ?? this.resources ?? [];
    this.templates = templates?.map(templateSummaryOf) ?? this.templates ?? [];
    if (this.loaded) this.context.changed();
  }

  /** Lists the prompts again. */
  async listPrompts(): Promise<void> {
    if (!this.offers('prompts')) return;
    const prompts = await this.attempt('list the prompts', () => this.client.listPrompts());
    this.prompts = prompts?.map(promptSummaryOf) ?? this.prompts ?? [];
    if (this.loaded) this.context.changed();
  }

  /** Subscribes to a resource's updates, or ends the subscription; the updates arrive as notifications on the timeline. */
  async subscribe(uri: string, on: boolean): Promise<void> {
    if (on === this.subscribed.has(uri)) return;
    if (on && this.offers('resources')?.subscribe !== true) {
      throw new McpScopeError({
        summary: `${this.context.serverId} does not offer resource subscriptions (its resources capability has no "subscribe": true).`,
        advice: 'Read the resource again to see whether it changed.',
      });
    }
    if (this.client.era === 'stateless') {
      if (on) this.subscribed.add(uri);
      else this.subscribed.delete(uri);
      this.listen();
    } else if (on) {
      await this.client.subscribeResource(uri);
      this.subscribed.add(uri);
    } else {
      await this.client.unsubscribeResource(uri);
      this.subscribed.delete(uri);
    }
    this.context.changed();
  }

  /** Subscribes again to every subscribed resource: a new session (2025 era) starts without the old one's subscriptions. */
  async resubscribe(): Promise<void> {
    if (this.client.era === 'stateless') return;
    await Promise.all([...this.subscribed].map((uri) => this.attempt(`subscribe again to ${uri}`, () => this.client.subscribeResource(uri))));
  }

  /** Stops listening; the connection is over. */
  close(): void {
    clearTimeout(this.relisten);
    this.relisten = undefined;
    const listening = this.listening;
    this.listening = undefined;
    listening?.close();
  }

  /** Opens the subscriptions/listen stream with the filter for what the server offers and what is subscribed, closing the one before. */
  private listen(): void {
    const filter: SubscriptionFilter = {
      ...(this.offers('tools')?.listChanged === true && { toolsListChanged: true }),
      ...(this.offers('prompts')?.listChanged === true && { promptsListChanged: true }),
      ...(this.offers('resources')?.listChanged === true && { resourcesListChanged: true }),
      ...(this.subscribed.size > 0 && { resourceSubscriptions: [...this.subscribed] }),
    };
    this.close();
    if (Object.keys(filter).length === 0) return;
    const subscription = this.client.listen(filter);
    this.listening = subscription;
    subscription.ended.then(
      () => undefined,
      () => {
        // The client has shown why the stream broke; keep listening while this is still the stream in use.
        if (this.listening !== subscription) return;
        this.listening = undefined;
        this.relisten = setTimeout(() => this.listen(), RELISTEN_DELAY_MS);
      },
    );
  }

  private async attempt<T>(action: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      const problem = problemOf(error);
      this.context.problem({ ...problem, summary: `Could not ${action} of ${this.context.serverId}: ${problem.summary}` });
      return undefined;
    }
  }
}

function resourceSummaryOf({ uri, name, title, description, mimeType, size }: Resource): ResourceSummary {
  return {
    uri,
    name,
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    ...(mimeType !== undefined && { mimeType }),
    ...(typeof size === 'number' && { size }),
  };
}

function templateSummaryOf({ uriTemplate, name, title, description, mimeType }: ResourceTemplate): ResourceTemplateSummary {
  return {
    uriTemplate,
    name,
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    ...(mimeType !== undefined && { mimeType }),
  };
}

function promptSummaryOf({ name, title, description, arguments: args }: Prompt): PromptSummary {
  return {
    name,
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    ...(args !== undefined && {
      arguments: args.map((arg) => ({
        name: arg.name,
        ...(arg.description !== undefined && { description: arg.description }),
        ...(arg.required !== undefined && { required: arg.required }),
      })),
    }),
  };
}
