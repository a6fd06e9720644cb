// The shapes of call history that cross the bridge: past calls (kept per server in the workspace's
// storage) and saved calls (kept in a file of the workspace the team can commit).

import type { Problem, RpcErrorObject, ToolResult } from './model';

/** How a past call ended. */
export type PastCallOutcome = 'succeeded' | 'tool error' | 'failed' | 'cancelled';

/** A finished call as history lists it: enough to show it in a list and to run it again. */
export interface PastCallSummary {
  /** Unique among the past calls, across sessions. */
  id: string;
  serverId: string;
  tool: string;
  arguments: { [key: string]: unknown };
  /** When it started, in milliseconds since the epoch. */
  at: number;
  durationMs: number;
  outcome: PastCallOutcome;
}

/** A past call with what came back: its result, or why it failed. */
export interface PastCall extends PastCallSummary {
  result?: ToolResult;
  problem?: Problem;
  rpcError?: RpcErrorObject;
  /** The result was too large to keep: how large it was, in characters of JSON. */
  resultDropped?: { size: number; limit: number };
}

/** A call the user named, to run again; written to the shared file as it is here, never with a result. */
export interface SavedCall {
  name: string;
  serverId: string;
  tool: string;
  arguments: { [key: string]: unknown };
}

/** The saved calls as last read, where they are kept, and what kept any of them from being read. */
export interface SavedCalls {
  calls: SavedCall[];
  /** The file they are read from and written to, as a person reads it; absent when there is none (no folder is open). */
  file?: string;
  /** Why the file, or some entries of it, could not be read; the file is then never overwritten. */
  problems: Problem[];
}

/** Everything the history list shows: the past calls of every server, newest first, and the saved calls. */
export interface HistoryView {
  past: PastCallSummary[];
  saved: SavedCalls;
}
