import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitationButton } from "@/components/team/accept-invitation-button";
import { Button } from "@/components/ui/button";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findUsableInvitation } from "@/lib/team/find-usable-invitation";

export const metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findUsableInvitation(token).catch((error) => (error instanceof AppError ? error : Promise.reject(error)));
  if (invitation instanceof AppError) {
    return (
      <AuthCard
        title="This invitation cannot be used"
        footer={
          <Link href="/login" className="text-brand-700 hover:underline">
            Go to sign in
          </Link>
        }
      >
        <p className="text-sm text-zinc-700">{invitation.message}</p>
      </AuthCard>
    );
  }
  const user = await getSessionUser();
  const title = `Join ${invitation.org.name} on Pigeon`;
  const subtitle = `${invitation.email} is invited as ${invitation.role}.`;
  if (user) {
    if (user.email !== invitation.email) {
      return (
        <AuthCard title={title} subtitle={subtitle}>
          <p className="text-sm text-zinc-700">
            You are signed in as <strong>{user.email}</strong>. Sign out, then open this link again and sign in as {invitation.email}.
          </p>
        </AuthCard>
      );
    }
    return (
      <AuthCard title={title} subtitle={subtitle}>
        <AcceptInvitationButton token={token} orgName={invitation.org.name} />
      </AuthCard>
    );
  }
  const hasAccount = (await db.user.count({ where: { email: invitation.email } })) > 0;
  const back = encodeURIComponent(`/invite/${token}`);
  return (
    <AuthCard title={title} subtitle={subtitle}>
      {hasAccount ? (
        <Button asChild className="w-full">
          <Link href={`/login?callbackUrl=${back}&email=${encodeURIComponent(invitation.email)}`}>Sign in to accept</Link>
        </Button>
      ) : (
        <div className="space-y-3">
          <Button asChild className="w-full">
            <Link href={`/signup?invite=${token}`}>Create your account</Link>
          </Button>
          <p className="text-center text-sm text-zinc-600">
            Already use Pigeon with this email?{" "}
            <Link href={`/login?callbackUrl=${back}&email=${encodeURIComponent(invitation.email)}`} className="text-brand-700 hover:underline">
              Sign in
            </Link>
          </p>
        </div>
      )}
    </AuthCard>
  );
}
