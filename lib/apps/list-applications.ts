import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import { serializeApplication } from "./serialize-application";

export async function listApplications(auth: AuthContext, params: ListParams) {
  const rows = await db.application.findMany({
    where: { orgId: auth.org.id, operational: false, id: keysetWhere(params) },
    orderBy: { id: keysetOrder(params) },
    take: params.limit + 1,
  });
  return pageOf(rows, params, (app) => app.id, serializeApplication);
}
