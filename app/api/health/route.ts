export const dynamic = "force-dynamic";

// GET /api/health — liveness: the process is up and answering
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
