import type { Application } from "@/lib/db";

/** ApplicationOut, as in the Svix API. */
export function serializeApplication(app: Application) {
  return {
    id: app.id,
    uid: app.uid,
    name: app.name,
    throttleRate: app.throttleRate,
    metadata: (app.metadata ?? {}) as Record<string, string>,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}
export type ApplicationOut = ReturnType<typeof serializeApplication>;
