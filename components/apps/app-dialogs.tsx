"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { type TApplicationIn, ZApplicationIn } from "@/lib/apps/schemas";
import { applyServerErrors } from "@/lib/forms/errors";
import { type Application, useCreateAppMutation, useUpdateAppMutation } from "@/lib/queries/apps";

const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

/** Name and uid, shared by "create" and "edit". */
function AppForm({
  defaults,
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
}: {
  defaults: TApplicationIn;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: { name: string; uid?: string | null }) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TApplicationIn, unknown, z.output<typeof ZApplicationIn>>({ resolver: zodResolver(ZApplicationIn), defaultValues: defaults });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={form.handleSubmit(async (values) => {
        setFormError(null);
        try {
          await onSubmit({ name: values.name, uid: values.uid ?? null });
        } catch (error) {
          setFormError(applyServerErrors((error as Error).message, ["name", "uid"], form.setError));
        }
      })}
    >
      <FormError message={formError} />
      <Field label="Name" htmlFor="app-name" error={errors.name?.message} hint="Usually your customer's name, e.g. “Acme Inc.”.">
        <Input id="app-name" autoFocus aria-invalid={!!errors.name} {...form.register("name")} />
      </Field>
      <Field
        label="UID (optional)"
        htmlFor="app-uid"
        errorLabel="UID"
        error={errors.uid?.message}
        hint="Your own id for this customer, so your backend can send to the application without storing Pigeon's id."
      >
        <Input
          id="app-uid"
          className="font-mono"
          spellCheck={false}
          placeholder="e.g. customer_8412"
          aria-invalid={!!errors.uid}
          {...form.register("uid", { setValueAs: emptyToNull })}
        />
      </Field>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? pendingLabel : submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function CreateAppDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const create = useCreateAppMutation();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Create an application" description="One application per customer of yours. You will add their endpoints next.">
        {open ? (
          <AppForm
            defaults={{ name: "", uid: null }}
            submitLabel="Create application"
            pendingLabel="Creating…"
            onCancel={() => onOpenChange(false)}
            onSubmit={async (values) => {
              const app = await create.mutateAsync(values);
              toast.success(`Application “${app.name}” created`);
              onOpenChange(false);
              router.push(`/apps/${app.id}`);
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

export function EditAppDialog({ app, open, onOpenChange }: { app: Application; open: boolean; onOpenChange: (open: boolean) => void }) {
  const update = useUpdateAppMutation(app.id);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Edit application" description="Changing the UID changes how your backend addresses this application.">
        {open ? (
          <AppForm
            defaults={{ name: app.name, uid: app.uid }}
            submitLabel="Save changes"
            pendingLabel="Saving…"
            onCancel={() => onOpenChange(false)}
            onSubmit={async (values) => {
              await update.mutateAsync(values);
              toast.success("Application saved");
              onOpenChange(false);
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
