import { escapeHtml } from "@/lib/email/escape-html";
import type { Email } from "@/lib/email/send-email";

// The email to a person's old address when their account's email changes, pure: if it was
// not them, the old address is the one place that still hears about it.

export function emailChangedEmail({ from, to, publicUrl }: { from: string; to: string; publicUrl: string }): Email {
  const lines = [
    `The email address of your Pigeon account was changed from ${from} to ${to}.`,
    "Pigeon now signs you in and writes to the new address only.",
    `If you did not do this, ask an admin of your organization for help at once, or sign in at ${publicUrl}/login with the new address and change your password.`,
  ];
  return {
    to: from,
    subject: "The email address of your Pigeon account was changed",
    text: `${lines.join("\n\n")}\n`,
    html: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n"),
  };
}
