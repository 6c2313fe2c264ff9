"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { applyServerErrors, fieldMessage } from "@/lib/forms/errors";
import { useUpdateProfileMutation } from "@/lib/queries/profile";
import { ZEmail } from "@/lib/users/schemas";

const ZEmailForm = z.object({ email: ZEmail, currentPassword: z.string().min(1, "is required").max(200) });
type EmailForm = z.infer<typeof ZEmailForm>;

/** Profile → the email the person signs in with; changing it needs their current password. */
export function EmailCard({ email }: { email: string }) {
  const update = useUpdateProfileMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<EmailForm>({ resolver: zodResolver(ZEmailForm), defaultValues: { email, currentPassword: "" } });
  const { errors, isSubmitting } = form.formState;
  const save = form.handleSubmit(async (values) => {
    setFormError(null);
    if (values.email === email) {
      form.setError("email", { message: "This is already your email address" });
      return;
    }
    try {
      const saved = await update.mutateAsync(values);
      form.reset({ email: saved.email, currentPassword: "" });
      toast.success(`You now sign in as ${saved.email}`);
    } catch (error) {
      const message = (error as Error).message;
      // 409: the address is taken, which belongs under the email field.
      const rest = applyServerErrors(
        message.startsWith("An account already uses") ? `email: ${message}` : message,
        ["email", "currentPassword"],
        form.setError,
      );
      setFormError(rest);
    }
  });
  return (
    <Card className="p-6">
      <h2 className="font-semibold">Email</h2>
      <p className="mt-1 text-sm text-zinc-600">You sign in with this address, and Pigeon sends your notices to it.</p>
      <form className="mt-4 space-y-4" noValidate onSubmit={save}>
        <FormError message={formError} />
        <Field label="Email" htmlFor="profile-email" error={fieldMessage("Email", errors.email?.message)}>
          <Input id="profile-email" type="email" autoComplete="email" aria-invalid={!!errors.email} {...form.register("email")} />
        </Field>
        <Field
          label="Current password"
          htmlFor="profile-email-password"
          error={fieldMessage("Current password", errors.currentPassword?.message)}
          hint="Needed to change your email."
        >
          <Input
            id="profile-email-password"
            type="password"
            autoComplete="current-password"
            aria-invalid={!!errors.currentPassword}
            {...form.register("currentPassword")}
          />
        </Field>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Change email"}
        </Button>
      </form>
    </Card>
  );
}
