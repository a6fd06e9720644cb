// Which URL-mode elicitations the servers said are complete (`notifications/elicitation/complete`,
// 2025-11-25), read from the timeline the host sends: the pending URL elicitation and the -32042
// error that named the same elicitationId show it. An id nobody asked about changes nothing (the
// spec says to ignore it); the notification stays on the timeline all the same.

import { signal } from '@preact/signals';
import { TimelineAppended } from '../../src/shared/bridge';
import type { TimelineEvent } from '../../src/shared/model';
import type { Host } from '../host';

const COMPLETE = 'notifications/elicitation/complete';

export type ElicitationCompletions = ReturnType<typeof createElicitationCompletions>;

export function createElicitationCompletions(host: Host) {
  /** `serverId` and `elicitationId` joined by a NUL, which neither may contain in a way that matters here. */
  const completed = signal<ReadonlySet<string>>(new Set());
  const keyOf = (serverId: string, elicitationId: string) => `${serverId}\u0000${elicitationId}`;

  /** Takes the completions among these events; a clear or a new snapshot forgets none already seen. */
  const take = (events: readonly TimelineEvent[]) => {
    const found = events.flatMap((event) => {
      if (event.kind !== 'notification' || event.direction !== 'received' || event.method !== COMPLETE) return [];
      const id = (event.params as { elicitationId?: unknown } | undefined)?.elicitationId;
      return typeof id === 'string' ? [keyOf(event.serverId, id)] : [];
    });
    if (found.length > 0) completed.value = new Set([...completed.value, ...found]);
  };
  host.onNotification(TimelineAppended, ({ events }) => take(events));

  return {
    take,
    /** Whether the server said the URL elicitation with this id is complete; read in a render, it follows changes. */
    isComplete: (serverId: string, elicitationId: unknown) => typeof elicitationId === 'string' && completed.value.has(keyOf(serverId, elicitationId)),
  };
}
