export const dynamic = "force-dynamic";

// GET /api/v1/health — the Svix SDK's health check
export function GET() {
  return new Response(null, { status: 204 });
}
