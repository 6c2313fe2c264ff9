"use client";

import { signOut } from "next-auth/react";
import { useConsole } from "@/components/common/console-context";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { EmailCard } from "./email-card";
import { NameCard } from "./name-card";
import { PasswordCard } from "./password-card";

export function ProfilePage() {
  const { user } = useConsole();
  return (
    <>
      <PageHeader
        title="Profile"
        description={`Signed in as ${user.email}.`}
        actions={
          <Button variant="secondary" onClick={() => signOut({ callbackUrl: "/login" })}>
            Sign out
          </Button>
        }
      />
      <div className="grid max-w-lg gap-6">
        {/* Keyed by the values, so a change made here (or elsewhere) resets the forms to them. */}
        <NameCard key={user.name} name={user.name} />
        <EmailCard key={user.email} email={user.email} />
        <PasswordCard />
      </div>
    </>
  );
}
