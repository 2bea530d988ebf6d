/** Raising a personal alert from a write (src/core/alerts.ts), in the write's own transaction. */
import type { AlertKind, AlertPayload } from "./alerts.js";
import type { Store } from "./store.js";

/**
 * Raises an alert for the member who owns the work, inside the caller's transaction (`store` is the
 * command's). Nobody is told about their own action; no owner, nobody to tell.
 */
export async function raiseAlert(
  store: Store,
  input: { recipientId: number | null | undefined; actorId: number; kind: AlertKind; dedupeKey: string; payload: AlertPayload; now: Date },
): Promise<boolean> {
  if (input.recipientId === null || input.recipientId === undefined || input.recipientId === input.actorId) return false;
  return store.alerts.enqueue({ memberId: input.recipientId, kind: input.kind, dedupeKey: input.dedupeKey, payload: input.payload, now: input.now });
}
