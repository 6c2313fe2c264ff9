import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/signup-form";
import { getSessionUser } from "@/lib/auth/session";
import { signUpAllowed } from "@/lib/users/sign-up-allowed";
import { findUsableInvitation } from "@/lib/team/find-usable-invitation";

export const metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite: token } = await searchParams;
  if (await getSessionUser()) redirect(token ? `/invite/${token}` : "/dashboard");
  const invitation = token ? await findUsableInvitation(token).catch(() => null) : null;
  const footer = (
    <>
      Already have an account?{" "}
      <Link href="/login" className="font-medium text-brand-700 hover:underline">
        Sign in
      </Link>
    </>
  );
  if (!invitation && !(await signUpAllowed())) {
    return (
      <AuthCard
        title="Sign-up is by invitation"
        subtitle="Ask an admin of your organization to invite you; the invitation link lets you create your account."
        footer={footer}
      >
        <p className="text-sm text-zinc-600">This Pigeon does not accept public sign-ups.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={invitation ? `Join ${invitation.org.name}` : "Create your Pigeon account"}
      subtitle={invitation ? `You were invited as ${invitation.role}.` : "You'll get your own organization; invite your team next."}
      footer={footer}
    >
      <SignUpForm invite={invitation && token ? { token, email: invitation.email, orgName: invitation.org.name } : undefined} />
    </AuthCard>
  );
}
