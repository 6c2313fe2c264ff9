import { after } from "next/server";
import { errorField, log } from "./log";

// Work a request starts but does not wait for (a resend, a recover task). `after` keeps a
// serverless function alive for it; the set lets a stopping server finish it first.

const store = globalThis as unknown as { __pigeonBackground?: Set<Promise<void>> };
const running = (store.__pigeonBackground ??= new Set());

/** Runs `work` now, kept in the set until it ends; errors are logged, never thrown. */
function track(name: string, work: () => Promise<void>): Promise<void> {
  const promise: Promise<void> = work()
    .catch((error) => log().error({ err: errorField(error) }, `${name} failed`))
    .finally(() => running.delete(promise));
  running.add(promise);
  return promise;
}

/** Starts `work` now, without holding up the response; errors are logged, never thrown. */
export function runInBackground(name: string, work: () => Promise<void>): void {
  const promise = track(name, work);
  try {
    after(promise);
  } catch {
    // Outside a request (scripts, tests): the set alone keeps track of it.
  }
}

/**
 * Like runInBackground, but starts `work` only once the response has gone out, so what it
 * costs never shows in how long the answer took. Outside a request it starts at once.
 */
export function runAfterResponse(name: string, work: () => Promise<void>): void {
  try {
    after(() => track(name, work));
  } catch {
    track(name, work);
  }
}

/** Resolves once the background work started so far has finished, or after `timeoutMs`. */
export async function settleBackgroundWork(timeoutMs: number): Promise<void> {
  const bound = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([Promise.allSettled([...running]).then(() => undefined), bound]);
}
