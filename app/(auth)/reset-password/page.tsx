import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { findUsablePasswordReset, UNUSABLE_RESET_LINK } from "@/lib/users/password-reset/find-password-reset";

export const metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: given } = await searchParams;
  const token = typeof given === "string" ? given : "";
  if (!token || !(await findUsablePasswordReset(token))) {
    return (
      <AuthCard
        title="This link cannot be used"
        footer={
          <Link href="/login" className="font-medium text-brand-700 hover:underline">
            Back to sign in
          </Link>
        }
      >
        <p className="text-sm text-zinc-700">{UNUSABLE_RESET_LINK}</p>
        <Link href="/forgot-password" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
          Request a new link
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" subtitle="You will be signed out everywhere, then sign in with the new password.">
      <ResetPasswordForm token={token} />
    </AuthCard>
  );
}
