"use client";

import { TriangleAlert } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * A polling endpoint's token, the one time it exists outside the consumer's hands: Pigeon
 * keeps only its hash. Copy it now, or rotate the token later for a new one.
 */
export function OneTimeToken({ token }: { token: string }) {
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <code
          aria-label="Polling token"
          className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-sm break-all text-zinc-800"
        >
          {token}
        </code>
        <CopyButton value={token} label="Copy token" />
      </div>
      <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-700" aria-hidden />
        <span>
          <strong>Shown once.</strong> Copy it now and keep it where your consumers run, e.g. as <code className="font-mono">PIGEON_TOKEN</code>. Pigeon keeps
          only a hash: if it is lost, rotate the token to get a new one.
        </span>
      </p>
    </div>
  );
}
