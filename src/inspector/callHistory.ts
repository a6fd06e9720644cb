// The calls made to each server, kept (bounded) across sessions so a past call can be run again,
// and the calls the user saved under a name.

import type { CallRecord } from '../shared/model';

/** A finished call as history keeps it: enough to show it and to run it again. */
export interface PastCall {
  serverId: string;
  tool: string;
  arguments: { [key: string]: unknown };
  /** When it started, in milliseconds since the epoch. */
  at: number;
  durationMs: number;
  outcome: 'succeeded' | 'tool error' | 'failed';
}

/** A call the user named, to run again. */
export interface SavedCall {
  name: string;
  serverId: string;
  tool: string;
  arguments: { [key: string]: unknown };
}

/** Where history lives between sessions (VS Code's workspace storage, or memory in tests). */
export interface HistoryStorage {
  load(): unknown;
  save(data: { past: PastCall[]; saved: SavedCall[] }): void | PromiseLike<void>;
}

export class CallHistory {
  private past: PastCall[] = [];
  private saved: SavedCall[] = [];

  /** Keeps at most `perServer` past calls of each server; older ones are forgotten. */
  constructor(
    private readonly storage: HistoryStorage,
    private readonly perServer = 50,
  ) {
    const data = storage.load() as { past?: unknown; saved?: unknown } | undefined;
    if (Array.isArray(data?.past)) this.past = data.past.filter(isPastCall);
    if (Array.isArray(data?.saved)) this.saved = data.saved.filter(isSavedCall);
  }

  /** Adds a finished call; running ones are ignored. */
  add(call: CallRecord): void {
    if (call.state === 'running' || call.endedAt === undefined) return;
    const outcome = call.state === 'failed' ? 'failed' : call.result?.isError ? 'tool error' : 'succeeded';
    this.past.push({ serverId: call.serverId, tool: call.tool, arguments: call.arguments, at: call.startedAt, durationMs: call.endedAt - call.startedAt, outcome });
    const ofServer = this.past.filter((past) => past.serverId === call.serverId);
    if (ofServer.length > this.perServer) {
      const dropped = new Set(ofServer.slice(0, ofServer.length - this.perServer));
      this.past = this.past.filter((past) => !dropped.has(past));
    }
    void this.storage.save(this.data());
  }

  /** The past calls, newest first, of one server or of all. */
  pastCalls(serverId?: string): PastCall[] {
    return this.past.filter((past) => serverId === undefined || past.serverId === serverId).reverse();
  }

  savedCalls(): SavedCall[] {
    return [...this.saved];
  }

  /** Saves a call under a name; a call saved earlier under the same name is replaced. */
  saveCall(call: SavedCall): void {
    this.saved = [...this.saved.filter((saved) => saved.name !== call.name), call];
    void this.storage.save(this.data());
  }

  removeSaved(name: string): void {
    this.saved = this.saved.filter((saved) => saved.name !== name);
    void this.storage.save(this.data());
  }

  private data() {
    return { past: this.past, saved: this.saved };
  }
}

function isCallLike(value: unknown): value is { serverId: string; tool: string; arguments: object } {
  const call = value as Partial<PastCall> | null;
  return typeof call?.serverId === 'string' && typeof call.tool === 'string' && typeof call.arguments === 'object' && call.arguments !== null;
}

function isPastCall(value: unknown): value is PastCall {
  return isCallLike(value) && typeof (value as PastCall).at === 'number';
}

function isSavedCall(value: unknown): value is SavedCall {
  return isCallLike(value) && typeof (value as SavedCall).name === 'string';
}
