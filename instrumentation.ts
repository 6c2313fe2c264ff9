// Guards every request of this server (lib/http/request-guard.ts) and starts the delivery
// worker inside it (PIGEON_WORKER=true, the default).
//
// `npm start` sets NEXT_MANUAL_SIG_HANDLE, so this process owns SIGTERM/SIGINT: it stops
// claiming, lets the attempts in flight finish and be recorded (bounded by the attempt
// timeout) along with background work such as resends, then exits. Under a bare `next start`, Next exits at once instead and the
// unfinished deliveries are retried after their lease: nothing is lost either way.

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestGuard } = await import("./lib/http/request-guard");
  // Message ingest skips Next's router: the same handlers, called directly (lib/http/direct-routes.ts).
  const messages = await import("./app/api/v1/app/[appId]/msg/route");
  const batch = await import("./app/api/v1/app/[appId]/msg/batch/route");
  // Polling endpoints' WebSockets: Next.js route handlers cannot take an upgrade (lib/polling/websocket.ts).
  const { serveWebSocket } = await import("./lib/polling/websocket");
  // The customer portal's pages may be framed by the organization's own sites (lib/portal/portal-frame-headers.ts).
  const { portalFrameHeaders } = await import("./lib/portal/portal-frame-headers");
  installRequestGuard(
    [
      { method: "POST", pattern: /^\/api\/v1\/app\/([^/]+)\/msg$/, params: ["appId"], handler: messages.POST },
      { method: "POST", pattern: /^\/api\/v1\/app\/([^/]+)\/msg\/batch$/, params: ["appId"], handler: batch.POST },
    ],
    serveWebSocket,
    portalFrameHeaders,
  );
  const store = globalThis as unknown as { __pigeonWorkerStarted?: boolean };
  if (store.__pigeonWorkerStarted) return;
  store.__pigeonWorkerStarted = true;
  const { env, startupEnv } = await import("./lib/env");
  startupEnv();
  const controller = new AbortController();
  let running: Promise<void> = Promise.resolve();
  if (env().PIGEON_WORKER) {
    const { startWorker } = await import("./lib/delivery/worker");
    const { log } = await import("./lib/ops/log");
    running = startWorker({ signal: controller.signal, onBatch: (summary) => log().info(summary, "batch") });
  }
  const ownsSignals = !!process.env.NEXT_MANUAL_SIG_HANDLE;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, async () => {
      controller.abort();
      if (!ownsSignals) return;
      const { settleBackgroundWork } = await import("./lib/ops/background-work");
      const limitMs = env().PIGEON_ATTEMPT_TIMEOUT_MS + 5_000;
      const bound = new Promise((resolve) => setTimeout(resolve, limitMs).unref());
      await Promise.race([Promise.all([running, settleBackgroundWork(limitMs)]), bound]);
      process.exit(0);
    });
  }
}
