import type { AuthContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { findMessage } from "@/lib/messages/find-message";

/** One attempt of the caller's message (by message id or eventId); anyone else's is "not found". */
export async function findAttempt(auth: AuthContext, appRef: string, messageRef: string, attemptId: string) {
  const message = await findMessage(auth, appRef, messageRef);
  const attempt = await db.attempt.findFirst({ where: { id: attemptId, messageId: message.id, appId: message.appId } });
  if (!attempt) throw notFound("Attempt");
  return attempt;
}
