// The MCP messages the client reads, as zod schemas, and the protocol versions it speaks.
// Schemas are loose: fields a newer server adds are kept, never rejected.

import { z } from 'zod';
import { LOG_LEVELS } from '../shared/model';

/** The version MCP Scope asks for in `initialize`. */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** The Streamable HTTP versions MCP Scope can continue a session in, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26'];

/** The version the legacy HTTP+SSE transport was made for (and stdio's first version). */
export const LEGACY_PROTOCOL_VERSION = '2024-11-05';

/** Which version a client asks for in `initialize`, and which answers it can continue a session in. */
export interface VersionOffer {
  requested: string;
  accepted: readonly string[];
}

/** Streamable HTTP did not exist in 2024-11-05, so only the 2025 versions are spoken over it. */
export const STREAMABLE_HTTP_VERSIONS: VersionOffer = { requested: LATEST_PROTOCOL_VERSION, accepted: SUPPORTED_PROTOCOL_VERSIONS };

/**
 * A legacy HTTP+SSE server is asked for the version of its era; one that no longer knows it
 * answers with its own, which is fine as long as we speak it.
 */
export const LEGACY_SSE_VERSIONS: VersionOffer = {
  requested: LEGACY_PROTOCOL_VERSION,
  accepted: [...SUPPORTED_PROTOCOL_VERSIONS, LEGACY_PROTOCOL_VERSION],
};

/** stdio is the same pipe in every version, and many stdio servers still answer 2024-11-05. */
export const STDIO_VERSIONS: VersionOffer = {
  requested: LATEST_PROTOCOL_VERSION,
  accepted: [...SUPPORTED_PROTOCOL_VERSIONS, LEGACY_PROTOCOL_VERSION],
};

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

export const Tool = z
  .object({
    name: z.string().min(1),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: z.object({ type: z.literal('object') }).loose(),
    outputSchema: z.object({ type: z.literal('object') }).loose().optional(),
    annotations: z.record(z.string(), z.unknown()).optional(),
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

export const LogMessageParams = z
  .object({ level: z.enum(LOG_LEVELS), logger: z.string().optional(), data: z.unknown() })
  .loose();
