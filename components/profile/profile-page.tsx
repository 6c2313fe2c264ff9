"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signOut } from "next-auth/react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { fetchJson } from "@/lib/queries/fetch-json";
import { type TChangePasswordInput, ZChangePasswordInput } from "@/lib/users/schemas";

export function ProfilePage() {
  const { user } = useConsole();
  const form = useForm<TChangePasswordInput>({ resolver: zodResolver(ZChangePasswordInput), defaultValues: { currentPassword: "", newPassword: "" } });
  const { errors, isSubmitting } = form.formState;
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
      <Card className="max-w-lg p-6">
        <h2 className="font-semibold">Change password</h2>
        <form
          className="mt-4 space-y-4"
          noValidate
          onSubmit={form.handleSubmit(async (values) => {
            try {
              await fetchJson("/api/console/password", { method: "POST", body: JSON.stringify(values) });
              toast.success("Password changed");
              form.reset();
            } catch (error) {
              form.setError("currentPassword", { message: (error as Error).message.replace(/^currentPassword: /, "") });
            }
          })}
        >
          <Field label="Current password" htmlFor="currentPassword" error={errors.currentPassword?.message}>
            <Input id="currentPassword" type="password" autoComplete="current-password" {...form.register("currentPassword")} />
          </Field>
          <Field label="New password" htmlFor="newPassword" error={errors.newPassword?.message} hint="At least 10 characters.">
            <Input id="newPassword" type="password" autoComplete="new-password" {...form.register("newPassword")} />
          </Field>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Saving…" : "Change password"}
          </Button>
        </form>
      </Card>
    </>
  );
}
