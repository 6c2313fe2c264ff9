import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// Where a listener resumes. After a forward succeeds: that message's id, sent back as
// Last-Event-ID. Before the first one: where the consumer stood when the listener first
// started (`iterator`, null for the stream's beginning). The server moves a consumer's
// position as it streams, not as the local app accepts, so resuming from the server's
// position after a crash could skip messages that were read but never forwarded.

export interface ListenState {
  endpointId: string;
  lastEventId?: string;
  iterator?: string | null;
}

export const DEFAULT_CONSUMER = "pigeon-listen";

/** ~/.pigeon/listen-<endpoint>.json, with the consumer in the name when it is not the default one. */
export function defaultStatePath(endpointId: string, consumer: string): string {
  const name = consumer === DEFAULT_CONSUMER ? `listen-${endpointId}.json` : `listen-${endpointId}-${consumer}.json`;
  return path.join(os.homedir(), ".pigeon", name);
}

/** The saved state, or null when the file does not exist yet. */
export function readState(file: string): ListenState | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let state: Partial<ListenState> | null = null;
  try {
    state = JSON.parse(text) as Partial<ListenState> | null;
  } catch {
    // Reported below, with the file's name.
  }
  const valid =
    typeof state?.endpointId === "string" && (typeof state.lastEventId === "string" || typeof state.iterator === "string" || state.iterator === null);
  if (!valid) throw new Error(`${file} is not a pigeon listen state file`);
  return state as ListenState;
}

/** Replaces the file in one step (write beside it, then rename), so a crash never leaves half a file. */
export function writeState(file: string, state: ListenState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const next = `${file}.${process.pid}.tmp`;
  writeFileSync(next, `${JSON.stringify(state)}\n`);
  renameSync(next, file);
}
