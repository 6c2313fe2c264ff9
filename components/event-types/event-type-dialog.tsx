"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { ZEventTypeIn } from "@/lib/event-types/schemas";
import { applyServerErrors } from "@/lib/forms/errors";
import { type EventType, useCreateEventTypeMutation, useUpdateEventTypeMutation } from "@/lib/queries/event-types";

// The API's schema, with the example payload as the text typed in (parsed on submit).
const ZEventTypeForm = ZEventTypeIn.pick({ name: true, description: true, groupName: true, deprecated: true }).extend({
  example: z.string().superRefine((text, ctx) => {
    if (!text.trim()) return;
    try {
      JSON.parse(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `Not valid JSON: ${(error as Error).message}` });
    }
  }),
});
type TEventTypeForm = z.input<typeof ZEventTypeForm>;
type TEventTypeFormOut = z.output<typeof ZEventTypeForm>;

const pretty = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value, null, 2));
const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

function EventTypeForm({ eventType, onDone }: { eventType: EventType | null; onDone: () => void }) {
  const create = useCreateEventTypeMutation();
  const update = useUpdateEventTypeMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TEventTypeForm, unknown, TEventTypeFormOut>({
    resolver: zodResolver(ZEventTypeForm),
    defaultValues: {
      name: eventType?.name ?? "",
      description: eventType?.description ?? "",
      groupName: eventType?.groupName ?? null,
      deprecated: eventType?.deprecated ?? false,
      example: pretty(eventType?.example),
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={form.handleSubmit(async ({ example, name, ...values }) => {
        setFormError(null);
        const body = { ...values, groupName: values.groupName ?? null, example: example.trim() ? JSON.parse(example) : null };
        try {
          if (eventType) await update.mutateAsync({ name: eventType.name, ...body });
          else await create.mutateAsync({ name, ...body });
          toast.success(eventType ? `Event type ${eventType.name} saved` : `Event type ${name} created`);
          onDone();
        } catch (error) {
          setFormError(applyServerErrors((error as Error).message, ["name", "description", "groupName", "example"], form.setError));
        }
      })}
    >
      <FormError message={formError} />
      <Field
        label="Name"
        htmlFor="event-type-name"
        error={errors.name?.message}
        hint={eventType ? "The name cannot change: senders and filters use it." : "Dot-separated by convention, e.g. invoice.paid."}
      >
        <Input
          id="event-type-name"
          className="font-mono"
          spellCheck={false}
          autoFocus={!eventType}
          readOnly={!!eventType}
          aria-invalid={!!errors.name}
          placeholder="invoice.paid"
          {...form.register("name")}
        />
      </Field>
      <Field label="Description" htmlFor="event-type-description" error={errors.description?.message}>
        <Input
          id="event-type-description"
          autoFocus={!!eventType}
          placeholder="An invoice was paid in full"
          aria-invalid={!!errors.description}
          {...form.register("description")}
        />
      </Field>
      <Field
        label="Group"
        htmlFor="event-type-group"
        error={errors.groupName?.message}
        hint="Optional. Groups related event types in the catalogue, e.g. “Billing”."
      >
        <Input id="event-type-group" aria-invalid={!!errors.groupName} {...form.register("groupName", { setValueAs: emptyToNull })} />
      </Field>
      <Field
        label="Example payload (JSON)"
        htmlFor="event-type-example"
        errorLabel="Example payload"
        error={errors.example?.message}
        hint="Optional. Shown in the catalogue so your customers know what to expect."
      >
        <Textarea
          id="event-type-example"
          rows={8}
          spellCheck={false}
          className="text-xs"
          placeholder={'{\n  "invoiceId": "in_123",\n  "amount": 4200\n}'}
          aria-invalid={!!errors.example}
          {...form.register("example")}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm text-zinc-800">
        <input type="checkbox" className="size-4 accent-brand-600" {...form.register("deprecated")} />
        Deprecated <span className="text-zinc-500">— still sent, but flagged so customers move away from it</span>
      </label>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : eventType ? "Save changes" : "Create event type"}
        </Button>
      </div>
    </form>
  );
}

/** Create (eventType null) or edit an event type. */
export function EventTypeDialog({ open, eventType, onOpenChange }: { open: boolean; eventType: EventType | null; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title={eventType ? `Edit ${eventType.name}` : "Create an event type"}
        description={eventType ? undefined : "Add a kind of event to the catalogue your customers subscribe to."}
      >
        {open ? <EventTypeForm key={eventType?.name ?? "new"} eventType={eventType} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}
