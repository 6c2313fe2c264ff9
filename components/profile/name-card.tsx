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
import { ZName } from "@/lib/users/schemas";

const ZNameForm = z.object({ name: ZName });
type NameForm = z.infer<typeof ZNameForm>;

/** Profile → the name teammates see in the team list and the audit log. */
export function NameCard({ name }: { name: string }) {
  const update = useUpdateProfileMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<NameForm>({ resolver: zodResolver(ZNameForm), defaultValues: { name } });
  const { errors, isSubmitting, isDirty } = form.formState;
  const save = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({ name: values.name });
      form.reset({ name: saved.name });
      toast.success("Name saved");
    } catch (error) {
      setFormError(applyServerErrors((error as Error).message, ["name"], form.setError));
    }
  });
  return (
    <Card className="p-6">
      <h2 className="font-semibold">Your name</h2>
      <p className="mt-1 text-sm text-zinc-600">Shown to your teammates in the team list and the audit log.</p>
      <form className="mt-4 space-y-4" noValidate onSubmit={save}>
        <FormError message={formError} />
        <Field label="Name" htmlFor="profile-name" error={fieldMessage("Name", errors.name?.message)}>
          <Input id="profile-name" autoComplete="name" aria-invalid={!!errors.name} {...form.register("name")} />
        </Field>
        <Button type="submit" disabled={isSubmitting || !isDirty}>
          {isSubmitting ? "Saving…" : "Save name"}
        </Button>
      </form>
    </Card>
  );
}
