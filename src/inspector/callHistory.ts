// The calls made to each server, kept (bounded) across sessions so a past call can be looked at and
// run again, and the calls the user saved under a name, which a SavedCallStore keeps (in VS Code,
// a file of the workspace the team can commit).

import type { HistoryView, PastCall, PastCallOutcome, PastCallSummary, SavedCall, SavedCalls } from '../shared/history';
import type { CallRecord } from '../shared/model';
import { Listeners } from './listeners';

/** Where past calls live between sessions (VS Code's workspace storage, or memory in tests). */
export interface HistoryStorage {
  load(): unknown;
  save(data: { past: PastCall[] }): void | PromiseLike<void>;
}

/** Where saved calls are written. Each method rejects with an Error a person can act on, and then changes nothing. */
export interface SavedCallStore {
  /** Saves a call, replacing the saved call of the same name. */
  put(call: SavedCall): Promise<void>;
  remove(name: string): Promise<void>;
}

/**
 * The largest result (in characters of JSON) a past call keeps; a larger one (a big image, a long
 * file) is left out and the call says so. It keeps workspace storage small: 50 calls of a server
 * take at most about 3 MB.
 */
export const RESULT_LIMIT = 64 * 1024;

export class CallHistory {
  /** Hears every change: a call added, the saved calls read again. */
  readonly changed = new Listeners<void>();
  private past: PastCall[] = [];
  private saved: SavedCalls = { calls: [], problems: [] };
  private readonly savedStore: SavedCallStore;
  private nextId = 1;

  /**
   * Keeps at most `perServer` past calls of each server; older ones are forgotten. Saved calls go
   * to `savedStore`, which reports what it read with `showSaved`; without one they are kept in memory.
   */
  constructor(
    private readonly storage: HistoryStorage,
    private readonly perServer = 50,
    savedStore?: SavedCallStore,
  ) {
    const data = storage.load() as { past?: unknown } | undefined;
    if (Array.isArray(data?.past)) this.past = data.past.filter(isPastCall).map((past) => ({ ...past, id: past.id ?? this.newId(past.at) }));
    this.savedStore = savedStore ?? this.memoryStore();
  }

  /** Adds a finished call; running ones are ignored. */
  add(call: CallRecord): void {
    if (call.state === 'running' || call.endedAt === undefined) return;
    const past: PastCall = {
      id: this.newId(call.startedAt),
      serverId: call.serverId,
      tool: call.tool,
      arguments: call.arguments,
      at: call.startedAt,
      durationMs: call.endedAt - call.startedAt,
      outcome: outcomeOf(call),
      ...keptResult(call),
      ...(call.problem && { problem: call.problem }),
      ...(call.rpcError && { rpcError: call.rpcError }),
    };
    this.past.push(past);
    const ofServer = this.past.filter((kept) => kept.serverId === call.serverId);
    if (ofServer.length > this.perServer) {
      const dropped = new Set(ofServer.slice(0, ofServer.length - this.perServer));
      this.past = this.past.filter((kept) => !dropped.has(kept));
    }
    void this.storage.save({ past: this.past });
    this.changed.emit();
  }

  /** The past calls, newest first, of one server or of all. */
  pastCalls(serverId?: string): PastCall[] {
    return this.past.filter((past) => serverId === undefined || past.serverId === serverId).reverse();
  }

  /** One past call with its result; undefined once it has been forgotten. */
  pastCall(id: string): PastCall | undefined {
    return this.past.find((past) => past.id === id);
  }

  savedCalls(): SavedCall[] {
    return [...this.saved.calls];
  }

  /** What the history list shows: summaries only, as results can be large. */
  view(): HistoryView {
    return { past: this.pastCalls().map(summaryOf), saved: { ...this.saved, calls: this.savedCalls() } };
  }

  /** Saves a call under a name; a call saved earlier under the same name is replaced. Rejects when the store cannot write. */
  saveCall(call: SavedCall): Promise<void> {
    return this.savedStore.put(call);
  }

  removeSaved(name: string): Promise<void> {
    return this.savedStore.remove(name);
  }

  /** The saved calls as the store last read them. */
  showSaved(saved: SavedCalls): void {
    this.saved = saved;
    this.changed.emit();
  }

  private memoryStore(): SavedCallStore {
    const write = (calls: SavedCall[]) => this.showSaved({ calls, problems: [] });
    return {
      put: async (call) => write([...this.saved.calls.filter((saved) => saved.name !== call.name), call]),
      remove: async (name) => write(this.saved.calls.filter((saved) => saved.name !== name)),
    };
  }

  private newId(at: number): string {
    return `${at.toString(36)}-${(this.nextId++).toString(36)}`;
  }
}

function outcomeOf(call: CallRecord): PastCallOutcome {
  if (call.state === 'failed' || call.state === 'cancelled') return call.state;
  return call.result?.isError ? 'tool error' : 'succeeded';
}

function keptResult(call: CallRecord): Pick<PastCall, 'result' | 'resultDropped'> {
  if (!call.result) return {};
  const size = JSON.stringify(call.result).length;
  return size <= RESULT_LIMIT ? { result: call.result } : { resultDropped: { size, limit: RESULT_LIMIT } };
}

function summaryOf({ id, serverId, tool, arguments: args, at, durationMs, outcome }: PastCall): PastCallSummary {
  return { id, serverId, tool, arguments: args, at, durationMs, outcome };
}

function isPastCall(value: unknown): value is Omit<PastCall, 'id'> & { id?: string } {
  const call = value as Partial<PastCall> | null;
  return (
    typeof call?.serverId === 'string' &&
    typeof call.tool === 'string' &&
    typeof call.arguments === 'object' &&
    call.arguments !== null &&
    typeof call.at === 'number' &&
    typeof call.durationMs === 'number' &&
    (call.id === undefined || typeof call.id === 'string')
  );
}
