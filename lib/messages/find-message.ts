import { findApplication } from "@/lib/apps/find-application";
import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** One message of the caller's application, by its id or its eventId. */
export async function findMessage(auth: AuthContext, appRef: string, messageRef: string) {
  const app = await findApplication(auth, appRef);
  const message = await db.message.findFirst({ where: { appId: app.id, OR: [{ id: messageRef }, { eventId: messageRef }] } });
  if (!message) throw notFound("Message");
  return message;
}
