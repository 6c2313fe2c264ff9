"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { fetchJson } from "@/lib/queries/fetch-json";

export function AcceptInvitationButton({ token, orgName }: { token: string; orgName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="space-y-4">
      <FormError message={error} />
      <Button
        className="w-full"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          try {
            await fetchJson(`/api/console/invitations/${token}/accept`, { method: "POST" });
            router.replace("/dashboard");
            router.refresh();
          } catch (e) {
            setError((e as Error).message);
            setPending(false);
          }
        }}
      >
        {pending ? "Joining…" : `Join ${orgName}`}
      </Button>
    </div>
  );
}
