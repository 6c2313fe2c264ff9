import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Open streams per polling endpoint in this process. Each one reads the database while it
// waits, so one endpoint's consumers (or someone holding its token) may not open them
// without bound: beyond PIGEON_MAX_STREAMS_PER_ENDPOINT the next is refused with 429.
const store = globalThis as unknown as { __pigeonStreams?: Map<string, number> };
const open = () => (store.__pigeonStreams ??= new Map());

/** Takes a stream slot of the endpoint; returns the function that gives it back (once). */
export function takeStreamSlot(endpointId: string): () => void {
  const count = open().get(endpointId) ?? 0;
  if (count >= env().PIGEON_MAX_STREAMS_PER_ENDPOINT) {
    throw new AppError("rate_limited", `This polling endpoint already has ${count} open streams here; close one, or read with the poller API`, {
      headers: { "retry-after": "5" },
    });
  }
  open().set(endpointId, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open().get(endpointId) ?? 1) - 1;
    if (left > 0) open().set(endpointId, left);
    else open().delete(endpointId);
  };
}
