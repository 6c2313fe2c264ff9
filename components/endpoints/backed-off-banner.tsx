"use client";

import { Timer } from "lucide-react";
import { TimeText } from "@/components/ui/time-text";
import type { Endpoint } from "@/lib/queries/endpoints";

/**
 * While the circuit breaker holds the endpoint back (its attempts keep timing out): why,
 * and when the next single attempt goes. Nothing is lost: its deliveries wait.
 */
export function EndpointBackedOffBanner({ endpoint }: { endpoint: Endpoint }) {
  if (!endpoint.backedOff || endpoint.disabled) return null;
  const { timeouts, until } = endpoint.backedOff;
  return (
    <section role="status" aria-label="Endpoint backed off" className="flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm">
      <Timer className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden />
      <div className="min-w-0">
        <p className="font-semibold text-amber-900">Backed off: the last {timeouts} attempts timed out</p>
        <p className="mt-1 text-amber-800">
          So that it does not hold slots other endpoints need, Pigeon sends this endpoint one attempt at a time
          {until ? (
            <>
              , the next one <TimeText value={until} show="until" />
            </>
          ) : null}
          . Its deliveries wait meanwhile; the first answer ends the back-off.
        </p>
      </div>
    </section>
  );
}
