import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { keysetOrder, keysetWhere, type ListParams, pageOf } from "@/lib/http/pagination";
import { serializeEndpoint } from "./serialize-endpoint";

export async function listEndpoints(auth: AuthContext, appRef: string, params: ListParams) {
  const app = await findApplication(auth, appRef);
  const rows = await db.endpoint.findMany({
    where: { appId: app.id, id: keysetWhere(params) },
    orderBy: { id: keysetOrder(params) },
    take: params.limit + 1,
  });
  return pageOf(rows, params, (e) => e.id, serializeEndpoint);
}
