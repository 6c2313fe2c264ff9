// What instrumentation.ts starts in the Node.js runtime (never bundled for the Edge runtime,
// whose build would warn about the process APIs used here): the request guard, and the
// delivery worker with the server's signal handling. instrumentation.ts says more.

export async function registerServer() {
  const { installRequestGuard } = await import("@/lib/http/request-guard");
  // Message ingest skips Next's router: the same handlers, called directly (lib/http/direct-routes.ts).
  const messages = await import("@/app/api/v1/app/[appId]/msg/route");
  const batch = await import("@/app/api/v1/app/[appId]/msg/batch/route");
  // Polling endpoints' WebSockets: Next.js route handlers cannot take an upgrade (lib/polling/websocket.ts).
  const { serveWebSocket } = await import("@/lib/polling/websocket");
  // The customer portal's pages may be framed by the organization's own sites (lib/portal/portal-frame-headers.ts).
  const { portalFrameHeaders } = await import("@/lib/portal/portal-frame-headers");
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
  const { env, startupEnv } = await import("@/lib/env");
  startupEnv();
  const controller = new AbortController();
  let running: Promise<void> = Promise.resolve();
  if (env().PIGEON_WORKER) {
    const { startWorker } = await import("@/lib/delivery/worker");
    const { log } = await import("@/lib/ops/log");
    running = startWorker({ signal: controller.signal, onBatch: (summary) => log().info(summary, "batch") });
  }
  const ownsSignals = !!process.env.NEXT_MANUAL_SIG_HANDLE;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, async () => {
      controller.abort();
      if (!ownsSignals) return;
      const { settleBackgroundWork } = await import("@/lib/ops/background-work");
      const limitMs = env().PIGEON_ATTEMPT_TIMEOUT_MS + 5_000;
      const bound = new Promise((resolve) => setTimeout(resolve, limitMs).unref());
      await Promise.race([Promise.all([running, settleBackgroundWork(limitMs)]), bound]);
      process.exit(0);
    });
  }
}
