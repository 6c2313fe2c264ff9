import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { oauthProviders } from "@/lib/auth/auth-options";
import { safeCallback } from "@/lib/auth/safe-callback";
import { getSessionUser } from "@/lib/auth/session";
import { passwordResetAvailable } from "@/lib/users/password-reset/request-password-reset";

export const metadata = { title: "Sign in" };

// next-auth sends people back here with ?error=… when an OAuth sign-in fails.
const loginErrors: Record<string, string> = {
  AccessDenied: "That account may not sign in here. Sign-up may be by invitation only; ask an admin to invite your email.",
  RateLimited: "Too many failed sign-in attempts. Wait a minute, then try again.",
  default: "Sign-in did not work. Try again, or use your email and password.",
};

// Set by Pigeon's own pages when they send someone here.
const loginNotices: Record<string, string> = {
  "password-reset": "Password changed. Sign in with your new password.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; email?: string; error?: string; notice?: string }>;
}) {
  const { callbackUrl, email, error, notice } = await searchParams;
  const next = safeCallback(callbackUrl);
  if (await getSessionUser()) redirect(next);
  return (
    <AuthCard
      title="Sign in to Pigeon"
      footer={
        <>
          New here?{" "}
          <Link href={`/signup${callbackUrl ? `?callbackUrl=${encodeURIComponent(next)}` : ""}`} className="font-medium text-brand-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <LoginForm
        callbackUrl={next}
        email={email}
        providers={oauthProviders()}
        initialError={error ? (loginErrors[error] ?? loginErrors.default) : undefined}
        notice={notice ? loginNotices[notice] : undefined}
        forgotPassword={passwordResetAvailable()}
      />
    </AuthCard>
  );
}
