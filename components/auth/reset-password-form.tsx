"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { applyServerErrors, fieldMessage } from "@/lib/forms/errors";
import { fetchJson } from "@/lib/queries/fetch-json";
import { ZPassword } from "@/lib/users/schemas";

const ZResetForm = z
  .object({ newPassword: ZPassword, confirmPassword: z.string() })
  .refine((values) => values.newPassword === values.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" });
type ResetForm = z.infer<typeof ZResetForm>;

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const form = useForm<ResetForm>({ resolver: zodResolver(ZResetForm), defaultValues: { newPassword: "", confirmPassword: "" } });
  const { errors, isSubmitting } = form.formState;

  // The token stays in this page's memory only: out of the address bar, the history and any
  // address a person might copy or share from here.
  useEffect(() => {
    window.history.replaceState(window.history.state, "", "/reset-password");
  }, []);

  const onSubmit = form.handleSubmit(async ({ newPassword }) => {
    setError(null);
    try {
      await fetchJson("/api/console/password-reset/confirm", { method: "POST", body: JSON.stringify({ token, newPassword }) });
      router.replace("/login?notice=password-reset");
    } catch (e) {
      const message = (e as Error).message;
      if (message.startsWith("token: ")) setExpired(true);
      setError(applyServerErrors(message.replace(/^token: /, ""), ["newPassword"], form.setError));
    }
  });

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      {expired ? (
        <Link href="/forgot-password" className="inline-block text-sm font-medium text-brand-700 hover:underline">
          Request a new link
        </Link>
      ) : null}
      <Field label="New password" htmlFor="newPassword" error={fieldMessage("New password", errors.newPassword?.message)} hint="At least 10 characters.">
        <Input id="newPassword" type="password" autoComplete="new-password" autoFocus aria-invalid={!!errors.newPassword} {...form.register("newPassword")} />
      </Field>
      <Field label="Confirm new password" htmlFor="confirmPassword" error={errors.confirmPassword?.message}>
        <Input id="confirmPassword" type="password" autoComplete="new-password" aria-invalid={!!errors.confirmPassword} {...form.register("confirmPassword")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting || expired}>
        {isSubmitting ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
