import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let transport: Transporter | undefined;

export interface Email {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
}

/** Sends an email when SMTP_URL is configured; answers whether it was sent. */
export async function sendEmail(email: Email): Promise<boolean> {
  const { SMTP_URL, SMTP_FROM } = env();
  if (!SMTP_URL) return false;
  transport ??= nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: SMTP_FROM, ...email });
  return true;
}
