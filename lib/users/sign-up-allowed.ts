import { db } from "@/lib/db";
import { env } from "@/lib/env";

/** Public sign-up is open unless ALLOW_SIGNUP=false; even then the very first user may sign up. */
export async function signUpAllowed(): Promise<boolean> {
  return env().ALLOW_SIGNUP || (await db.user.count()) === 0;
}
