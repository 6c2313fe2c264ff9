"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fetchJson } from "@/lib/queries/fetch-json";

/** A signed-in user who belongs to no organization (e.g. removed from their last one). */
export function NoOrganization() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <AuthCard title="You are not in an organization" subtitle="Ask an admin for an invitation, or start your own organization.">
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            await fetchJson("/api/console/orgs", { method: "POST", body: JSON.stringify({ name }) });
            router.refresh();
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      >
        <FormError message={error} />
        <Field label="Organization name" htmlFor="org-name">
          <Input id="org-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <Button type="submit" className="w-full" disabled={!name.trim()}>
          Create organization
        </Button>
      </form>
    </AuthCard>
  );
}
