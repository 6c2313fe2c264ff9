import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { withOrg } from "@/lib/auth/with-org";

export const dynamic = "force-dynamic";

// GET /api/console/audit — the audit log (admins)
export const GET = withOrg(async (request, { auth }) => {
  const url = new URL(request.url);
  const limit = Math.min(Math.max(Number(url.searchParams.get("limit")) || 50, 1), 200);
  return Response.json(await listAuditEvents(auth, { limit, before: url.searchParams.get("before") ?? undefined }));
}, { role: "admin" });
