import { extendLeases, type HeldLease } from "./store/extend-leases";

// A claimed delivery is its worker's only while the lease lasts (store/claim.ts). The lease
// covers one attempt (lib/env.ts checks that it does), but recording can wait longer:
// behind a slow group, a busy database, a notice's email. So while the worker lives it
// keeps the leases of its deliveries in flight — from the send until they are recorded —
// pushing them a whole lease ahead every third of a lease; only a dead worker's run out.

/** The deliveries a worker has in flight, whose leases it keeps until `stop`. */
export function keepLeases(leaseSeconds: number, onError: (error: unknown) => void) {
  const held = new Map<string, string>();
  let extending = false;
  const extend = () => {
    if (extending || held.size === 0) return;
    extending = true;
    extendLeases(
      [...held].map(([id, leaseToken]) => ({ id, leaseToken })),
      leaseSeconds,
    )
      .catch(onError)
      .finally(() => (extending = false));
  };
  const timer = setInterval(extend, (leaseSeconds * 1000) / 3).unref();
  return {
    hold(delivery: HeldLease) {
      held.set(delivery.id, delivery.leaseToken);
    },
    /** Recorded, or never to be: their leases end or run out by themselves. */
    release(deliveries: readonly { delivery: HeldLease }[]) {
      for (const { delivery } of deliveries) if (held.get(delivery.id) === delivery.leaseToken) held.delete(delivery.id);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
