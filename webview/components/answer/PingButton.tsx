import { useSignal } from '@preact/signals';
import type { InspectorState } from '../../state/inspectorState';

/** Pings a connected server and shows the round trip (the ping itself shows on the timeline). */
export function PingButton({ serverId, state }: { serverId: string; state: InspectorState }) {
  const outcome = useSignal<string | undefined>(undefined);
  const busy = useSignal(false);
  const ping = () => {
    busy.value = true;
    outcome.value = undefined;
    state.answers
      .ping(serverId)
      .then(
        (roundTripMs) => (outcome.value = `${roundTripMs.toFixed(1)} ms round trip`),
        (error: unknown) => (outcome.value = `Ping failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (busy.value = false));
  };
  return (
    <>
      <button type="button" class="secondary" disabled={busy.value} onClick={ping}>
        Ping
      </button>
      {outcome.value && (
        <span class="ping-outcome" role="status">
          {outcome.value}
        </span>
      )}
    </>
  );
}
