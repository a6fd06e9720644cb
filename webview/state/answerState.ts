// What the panel answers servers with: their requests that wait for the user (sampling,
// elicitation), the roots each server gets, and the Ping button's round trip.

import { signal } from '@preact/signals';
import { AnswerServerRequest, PingServer, ServerRequestPending, ServerRequestSettled, SetRoots } from '../../src/shared/bridge';
import type { PendingServerRequest, Root, ServerRequestAnswer, SettledServerRequest } from '../../src/shared/model';
import type { Host } from '../host';

/** How many requests that ended without the user are still explained in the panel. */
const SETTLED_SHOWN = 5;

export type AnswerState = ReturnType<typeof createAnswerState>;

export function createAnswerState(host: Host) {
  /** The requests waiting for the user, oldest first. */
  const pending = signal<PendingServerRequest[]>([]);
  /** Requests that went away without the user's answer, newest first, with why. */
  const unanswered = signal<SettledServerRequest[]>([]);

  host.onNotification(ServerRequestPending, ({ request }) => {
    pending.value = [...pending.value.filter((waiting) => waiting.id !== request.id), request];
  });
  host.onNotification(ServerRequestSettled, ({ settled }) => {
    pending.value = pending.value.filter((waiting) => waiting.id !== settled.id);
    if (!settled.answered) unanswered.value = [settled, ...unanswered.value].slice(0, SETTLED_SHOWN);
  });

  return {
    pending,
    unanswered,
    /** Takes the pending requests of a new snapshot. */
    reset(requests: PendingServerRequest[]) {
      pending.value = requests;
    },
    /** Sends the user's answer; rejects with the host's reason when it was not sent. */
    answer(pendingId: string, answer: ServerRequestAnswer): Promise<null> {
      return host.request(AnswerServerRequest, { pendingId, answer });
    },
    dismiss(id: string) {
      unanswered.value = unanswered.value.filter((settled) => settled.id !== id);
    },
    /** Pings a server; resolves with the round trip in milliseconds. */
    ping: (serverId: string) => host.request(PingServer, { serverId }).then(({ roundTripMs }) => roundTripMs),
    /** Sets a server's roots; `null` gives it the workspace folders again. */
    setRoots: (serverId: string, roots: Root[] | null) => host.request(SetRoots, { serverId, roots }),
  };
}
