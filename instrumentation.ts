// Guards every request of this server (lib/http/request-guard.ts) and starts the delivery
// worker inside it (PIGEON_WORKER=true, the default).
//
// `npm start` sets NEXT_MANUAL_SIG_HANDLE, so this process owns SIGTERM/SIGINT: it stops
// claiming, lets the attempts in flight finish and be recorded (bounded by the attempt
// timeout) along with background work such as resends, then exits. Under a bare `next start`, Next exits at once instead and the
// unfinished deliveries are retried after their lease: nothing is lost either way.

export async function register() {
  // Only in the Node.js runtime; the Edge build drops this branch and what it imports.
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./lib/ops/register-server")).registerServer();
}
