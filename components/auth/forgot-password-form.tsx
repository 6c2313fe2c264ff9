"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { applyServerErrors, fieldMessage } from "@/lib/forms/errors";
import { fetchJson } from "@/lib/queries/fetch-json";
import { type TForgotPasswordInput, ZForgotPasswordInput } from "@/lib/users/schemas";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<TForgotPasswordInput>({ resolver: zodResolver(ZForgotPasswordInput), defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const answer = await fetchJson<{ detail: string }>("/api/console/password-reset", { method: "POST", body: JSON.stringify(values) });
      setSent(answer.detail);
    } catch (e) {
      setError(applyServerErrors((e as Error).message, ["email"], form.setError));
    }
  });

  if (sent) {
    return (
      <div role="status" className="space-y-3 text-sm text-zinc-700">
        <p>{sent}</p>
        <p className="text-zinc-500">No email? Check your spam folder, or try again in a few minutes.</p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Email" htmlFor="email" error={fieldMessage("Email", errors.email?.message)}>
        <Input id="email" type="email" autoComplete="email" autoFocus aria-invalid={!!errors.email} {...form.register("email")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
