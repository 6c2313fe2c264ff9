import { Webhook } from "standardwebhooks";

/** The password every test account signs in with. */
export const PASSWORD = "correct horse battery staple";

/** An email no other test uses. */
export const uniqueEmail = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;

/** Whether a received webhook verifies with `secret` (Standard Webhooks). */
export function verifies(secret: string, received: { headers: Record<string, string>; body: string }): boolean {
  try {
    new Webhook(secret).verify(received.body, received.headers);
    return true;
  } catch {
    return false;
  }
}
