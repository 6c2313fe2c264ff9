"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { applyServerErrors, fieldMessage } from "@/lib/forms/errors";
import { useChangePasswordMutation } from "@/lib/queries/profile";
import { type TChangePasswordInput, ZChangePasswordInput } from "@/lib/users/schemas";

/** Profile → a new password; every other session of the person ends. */
export function PasswordCard() {
  const change = useChangePasswordMutation();
  const form = useForm<TChangePasswordInput>({ resolver: zodResolver(ZChangePasswordInput), defaultValues: { currentPassword: "", newPassword: "" } });
  const { errors, isSubmitting } = form.formState;
  const save = form.handleSubmit(async (values) => {
    try {
      await change.mutateAsync(values);
      toast.success("Password changed; you were signed out everywhere else");
      form.reset();
    } catch (error) {
      const rest = applyServerErrors((error as Error).message, ["currentPassword", "newPassword"], form.setError);
      if (rest) form.setError("root", { message: rest });
    }
  });
  return (
    <Card className="p-6">
      <h2 className="font-semibold">Change password</h2>
      <form className="mt-4 space-y-4" noValidate onSubmit={save}>
        <FormError message={errors.root?.message} />
        <Field label="Current password" htmlFor="currentPassword" error={fieldMessage("Current password", errors.currentPassword?.message)}>
          <Input id="currentPassword" type="password" autoComplete="current-password" {...form.register("currentPassword")} />
        </Field>
        <Field label="New password" htmlFor="newPassword" error={fieldMessage("New password", errors.newPassword?.message)} hint="At least 10 characters.">
          <Input id="newPassword" type="password" autoComplete="new-password" {...form.register("newPassword")} />
        </Field>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Change password"}
        </Button>
      </form>
    </Card>
  );
}
