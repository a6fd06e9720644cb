// The MCP messages the client reads, as zod schemas, and the protocol versions it speaks.
// Schemas are loose: fields a newer server adds are kept, never rejected.

import { z } from 'zod';
import { LOG_LEVELS } from '../shared/model';
import { isPlainRecord } from './jsonRpc';

/** The version MCP Scope asks for in `initialize` (the 2025 era, with a handshake and sessions). */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** The Streamable HTTP versions MCP Scope can continue a session in, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26'];

/** The stateless versions MCP Scope speaks (no handshake: version and capabilities in every request's `_meta`), newest first. */
export const MODERN_PROTOCOL_VERSIONS: readonly string[] = ['2026-07-28'];

/** The version the legacy HTTP+SSE transport was made for (and stdio's first version). */
export const LEGACY_PROTOCOL_VERSION = '2024-11-05';

/** Every version MCP Scope speaks over one transport or another, newest first. */
export const KNOWN_PROTOCOL_VERSIONS: readonly string[] = [...MODERN_PROTOCOL_VERSIONS, ...SUPPORTED_PROTOCOL_VERSIONS, LEGACY_PROTOCOL_VERSION];

/** The versions a transport can carry: the stateless ones tried first (newest first), then the handshake's. */
export interface VersionOffer {
  /** Stateless (2026-07-28) versions, asked for with `server/discover` before any handshake. */
  stateless: readonly string[];
  /** The version asked for in `initialize`. */
  requested: string;
  /** The versions `initialize` may settle on. */
  accepted: readonly string[];
}

/** Streamable HTTP did not exist in 2024-11-05: the stateless versions, then the 2025 ones. */
export const STREAMABLE_HTTP_VERSIONS: VersionOffer = {
  stateless: MODERN_PROTOCOL_VERSIONS,
  requested: LATEST_PROTOCOL_VERSION,
  accepted: SUPPORTED_PROTOCOL_VERSIONS,
};

/**
 * A legacy HTTP+SSE server is asked for the version of its era; one that no longer knows it
 * answers with its own, which is fine as long as we speak it.
 */
export const LEGACY_SSE_VERSIONS: VersionOffer = {
  stateless: [],
  requested: LEGACY_PROTOCOL_VERSION,
  accepted: [...SUPPORTED_PROTOCOL_VERSIONS, LEGACY_PROTOCOL_VERSION],
};

/** stdio is the same pipe in every version, and many stdio servers still answer 2024-11-05. */
export const STDIO_VERSIONS: VersionOffer = {
  stateless: [],
  requested: LATEST_PROTOCOL_VERSION,
  accepted: [...SUPPORTED_PROTOCOL_VERSIONS, LEGACY_PROTOCOL_VERSION],
};

/** Whether a version is of the stateless era (2026-07-28 and later), which has no `initialize` and no sessions. */
export function isModernProtocolVersion(version: string | undefined): boolean {
  return version !== undefined && version >= '2026-07-28';
}

/** The reserved `_meta` keys of the stateless era. */
export const META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  logLevel: 'io.modelcontextprotocol/logLevel',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
  subscriptionId: 'io.modelcontextprotocol/subscriptionId',
} as const;

/** The JSON-RPC error codes the stateless era defines; any of them proves the server speaks it. */
export const MODERN_ERROR_CODES = { headerMismatch: -32020, missingClientCapability: -32021, unsupportedProtocolVersion: -32022 } as const;

export const Implementation = z.object({ name: z.string(), version: z.string(), title: z.string().optional() }).loose();

export const InitializeResult = z
  .object({
    protocolVersion: z.string(),
    capabilities: z.record(z.string(), z.unknown()),
    serverInfo: Implementation,
    instructions: z.string().optional(),
  })
  .loose();
export type InitializeResult = z.infer<typeof InitializeResult>;

/** What a server says of itself, in either era: `initialize` (2025) or `server/discover` (2026). */
export type ServerIdentity = InitializeResult;

export const DiscoverResult = z
  .object({
    supportedVersions: z.array(z.string()),
    capabilities: z.record(z.string(), z.unknown()),
    instructions: z.string().optional(),
    _meta: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** The `data` of an UnsupportedProtocolVersionError (-32022). */
export const UnsupportedVersionData = z.object({ supported: z.array(z.string()), requested: z.string().optional() }).loose();

/** One request of an InputRequiredResult's `inputRequests`: what the server needs from the client before it can finish. */
export const InputRequest = z.object({ method: z.string(), params: z.record(z.string(), z.unknown()).optional() }).loose();

export const InputRequiredResult = z
  .object({
    resultType: z.literal('input_required'),
    inputRequests: z.record(z.string(), InputRequest).optional(),
    requestState: z.string().optional(),
  })
  .loose()
  .refine((r) => r.inputRequests !== undefined || r.requestState !== undefined, {
    message: 'an input_required result must carry inputRequests or requestState',
  });
export type InputRequiredResult = z.infer<typeof InputRequiredResult>;

export const Tool = z
  .object({
    name: z.string().min(1),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: z.object({ type: z.literal('object') }).loose(),
    outputSchema: z.object({ type: z.literal('object') }).loose().optional(),
    annotations: z.record(z.string(), z.unknown()).optional(),
    /** 2025-11-25: whether a call may ("optional"), must ("required") or must not ("forbidden", the default) ask for a task. */
    execution: z.object({ taskSupport: z.string().optional() }).loose().optional(),
  })
  .loose();
export type Tool = z.infer<typeof Tool>;

export const Resource = z
  .object({
    uri: z.string().min(1),
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    mimeType: z.string().optional(),
  })
  .loose();
export type Resource = z.infer<typeof Resource>;

export const Prompt = z
  .object({
    name: z.string().min(1),
    title: z.string().optional(),
    description: z.string().optional(),
    arguments: z
      .array(z.object({ name: z.string(), description: z.string().optional(), required: z.boolean().optional() }).loose())
      .optional(),
  })
  .loose();
export type Prompt = z.infer<typeof Prompt>;

/** A page of any list, its items moved under `items`; they are checked one by one, so one bad item does not hide the rest. */
export const ListPage = z.object({ items: z.array(z.unknown()), nextCursor: z.string().optional() }).loose();

export const ContentBlock = z.object({ type: z.string() }).loose();

export const CallToolResult = z
  .object({
    content: z.array(ContentBlock),
    structuredContent: z.record(z.string(), z.unknown()).optional(),
    isError: z.boolean().optional(),
  })
  .loose();
export type CallToolResult = z.infer<typeof CallToolResult>;

export const ProgressParams = z
  .object({
    progressToken: z.union([z.string(), z.number()]),
    progress: z.number(),
    total: z.number().optional(),
    message: z.string().optional(),
  })
  .loose();

/**
 * A schema's safeParse, with a hand check of its well-formed common case first, for messages that
 * come often (a long call may report progress thousands of times a second). The check accepts
 * only values the schema returns as they are; everything else goes through zod, so the verdict
 * is always zod's.
 */
function withFastPath<T extends z.ZodType>(schema: T, isWellFormed: (value: unknown) => boolean): (value: unknown) => z.ZodSafeParseResult<z.infer<T>> {
  return (value) => (isWellFormed(value) ? { success: true, data: value as z.infer<T> } : schema.safeParse(value));
}

const isFiniteNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

export const parseProgressParams = withFastPath(ProgressParams, (params) => {
  if (!isPlainRecord(params)) return false;
  const { progressToken, progress, total, message } = params;
  return (
    (typeof progressToken === 'string' || isFiniteNumber(progressToken)) &&
    isFiniteNumber(progress) &&
    (total === undefined || isFiniteNumber(total)) &&
    (message === undefined || typeof message === 'string')
  );
});

export const parseCallToolResult = withFastPath(CallToolResult, (result) => {
  if (!isPlainRecord(result) || !Array.isArray(result.content)) return false;
  const { content, structuredContent, isError } = result;
  return (
    content.every((block) => isPlainRecord(block) && typeof block.type === 'string') &&
    (structuredContent === undefined || isPlainRecord(structuredContent)) &&
    (isError === undefined || typeof isError === 'boolean')
  );
});

export const LogMessageParams = z
  .object({ level: z.enum(LOG_LEVELS), logger: z.string().optional(), data: z.unknown() })
  .loose();

export const ResourceTemplate = z
  .object({
    uriTemplate: z.string().min(1),
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    mimeType: z.string().optional(),
  })
  .loose();
export type ResourceTemplate = z.infer<typeof ResourceTemplate>;

/** One item of a `resources/read` result: text or a base64 blob. */
export const ResourceContents = z
  .object({ uri: z.string(), mimeType: z.string().optional(), text: z.string().optional(), blob: z.string().optional() })
  .loose()
  .refine((contents) => contents.text !== undefined || contents.blob !== undefined, { message: 'resource contents need text or blob' });

export const ReadResourceResult = z.object({ contents: z.array(ResourceContents) }).loose();
export type ReadResourceResult = z.infer<typeof ReadResourceResult>;

export const PromptMessage = z.object({ role: z.enum(['user', 'assistant']), content: ContentBlock }).loose();

export const GetPromptResult = z.object({ description: z.string().optional(), messages: z.array(PromptMessage) }).loose();
export type GetPromptResult = z.infer<typeof GetPromptResult>;

export const CompleteResult = z
  .object({
    completion: z
      .object({ values: z.array(z.string()).max(100), total: z.number().int().optional(), hasMore: z.boolean().optional() })
      .loose(),
  })
  .loose();
export type CompleteResult = z.infer<typeof CompleteResult>;
