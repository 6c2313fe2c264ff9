import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { passwordResetAvailable } from "@/lib/users/password-reset/request-password-reset";

export const metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  const footer = (
    <Link href="/login" className="font-medium text-brand-700 hover:underline">
      Back to sign in
    </Link>
  );
  if (!passwordResetAvailable()) {
    return (
      <AuthCard title="Forgot your password?" footer={footer}>
        <p className="text-sm text-zinc-700">This Pigeon cannot send email, so it cannot send you a reset link. Ask an admin of your organization for help.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Forgot your password?" subtitle="Enter the email you sign in with, and we will send you a link to choose a new password." footer={footer}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
