"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fetchJson } from "@/lib/queries/fetch-json";

/** The organization itself: its name (admins rename it) and, for owners, deleting it with everything in it. */
export function OrganizationCard() {
  const { org, can } = useConsole();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState(org.name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const admin = can("admin");
  return (
    <Card className="mb-6 p-5">
      <h2 className="font-semibold">Organization</h2>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(null);
          if (!name.trim()) return setError("Name is required");
          setSaving(true);
          try {
            await fetchJson("/api/console/org", { method: "PATCH", body: JSON.stringify({ name }) });
            toast.success("Organization renamed");
            router.refresh();
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setSaving(false);
          }
        }}
      >
        <div className="min-w-0 flex-1 sm:min-w-64">
          <Field label="Name" htmlFor="org-name">
            <Input id="org-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} disabled={!admin} />
          </Field>
        </div>
        {admin ? (
          <Button type="submit" disabled={saving || name.trim() === org.name}>
            {saving ? "Saving…" : "Rename"}
          </Button>
        ) : null}
      </form>
      <FormError message={error} />
      {can("owner") ? (
        <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 pt-4">
          <p className="max-w-xl text-sm text-zinc-600">
            Deleting the organization removes its applications, endpoints, messages, API keys and members&apos; access at once, for good.
          </p>
          <Button variant="danger" onClick={() => setDeleting(true)}>
            Delete organization
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete organization"
        description={
          <>
            This deletes <strong>{org.name}</strong> with every application, endpoint, message and API key in it, at once and for good. Calls with its keys fail
            from then on.
          </>
        }
        confirmLabel="Delete organization"
        pendingLabel="Deleting…"
        typeToConfirm={org.name}
        onConfirm={async () => {
          await fetchJson(`/api/console/org?name=${encodeURIComponent(org.name)}`, { method: "DELETE" });
          queryClient.clear();
          toast.success(`${org.name} deleted`);
          router.replace("/dashboard");
          router.refresh();
        }}
      />
    </Card>
  );
}
