import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handle";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/v1/app/{app_id}/poller/{sink_id}/ws — the WebSocket stream (lib/polling/websocket.ts takes the upgrade before
// Next.js routes it); a plain GET is told how to connect.
export const GET = handle(() => {
  throw new AppError(
    "bad_request",
    "This address is a WebSocket: connect with `Upgrade: websocket` (or read the same stream as Server-Sent Events at …/stream)",
  );
});

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
