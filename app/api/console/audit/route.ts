import { listAuditEvents, parseAuditQuery } from "@/lib/audit/list-audit-events";
import { withOrg } from "@/lib/auth/with-org";
import { otherMethods } from "@/lib/http/other-methods";

export const dynamic = "force-dynamic";

// GET /api/console/audit — the audit log (admins)
export const GET = withOrg(async (request, { auth }) => Response.json(await listAuditEvents(auth, parseAuditQuery(new URL(request.url)))), { role: "admin" });

// POST, PUT, PATCH, DELETE — 405 with the methods allowed here
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
