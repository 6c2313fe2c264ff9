// Wakes this process's live streams when a message for a polling endpoint is stored here.
// Streams also look every STREAM_POLL_MS, which carries messages stored by other processes.
type Listener = () => void;
const store = globalThis as unknown as { __pigeonStreamListeners?: Set<Listener> };
const listeners = () => (store.__pigeonStreamListeners ??= new Set());

export function wakeStreams(): void {
  for (const listener of listeners()) listener();
}

/** Calls `listener` on every wake; returns the function that stops it. */
export function onStreamWake(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}
