"use client";

import { useConsole } from "@/components/common/console-context";
import { Card } from "@/components/ui/card";
import { formatBytes } from "@/lib/utils";

/** The organization's API limits: read-only, the installation's operator sets them. */
export function LimitsCard() {
  const { limits } = useConsole().org;
  return (
    <Card className="mt-6 p-6" data-testid="limits">
      <h2 className="text-base font-semibold">Limits</h2>
      <p className="mt-1 text-sm text-zinc-600">
        Set by the operator of this Pigeon installation. A request over the rate is answered <code>429</code> with <code>Retry-After</code>; a larger payload is
        refused with <code>413</code>.
      </p>
      <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-zinc-500">API requests</dt>
          <dd className="mt-1 font-medium">{limits.apiRateLimit === 0 ? "No limit" : `${limits.apiRateLimit.toLocaleString("en-US")} per second`}</dd>
        </div>
        <div>
          <dt className="text-zinc-500">Largest message payload</dt>
          <dd className="mt-1 font-medium">
            {formatBytes(limits.maxPayloadBytes)}{" "}
            <span className="font-normal text-zinc-500">({limits.maxPayloadBytes.toLocaleString("en-US")} bytes of JSON)</span>
          </dd>
        </div>
      </dl>
    </Card>
  );
}
