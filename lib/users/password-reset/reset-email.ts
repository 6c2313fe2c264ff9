import { escapeHtml } from "@/lib/email/escape-html";
import type { Email } from "@/lib/email/send-email";

// The "forgot password" email, pure: plain text and a simple HTML version of the same words.

export function passwordResetEmail({ to, link, minutes }: { to: string; link: string; minutes: number }): Email {
  const lines = [
    `Someone asked to reset the password of the Pigeon account ${to}.`,
    "Choose a new password here:",
    link,
    `The link works once and expires in ${minutes} minutes.`,
    "If you did not ask for this, you can ignore this email: your password stays as it is.",
  ];
  const [intro, choose, , expiry, ignore] = lines.map(escapeHtml);
  return {
    to,
    subject: "Reset your Pigeon password",
    text: `${lines[0]}\n\n${lines[1]}\n${lines[2]}\n\n${lines[3]}\n\n${lines[4]}\n`,
    html: [
      `<p>${intro}</p>`,
      `<p>${choose}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      `<p>${expiry}</p>`,
      `<p style="color:#52525b">${ignore}</p>`,
    ].join("\n"),
  };
}
