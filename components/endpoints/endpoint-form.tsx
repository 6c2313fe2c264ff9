"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useState } from "react";
import { Controller, type Resolver, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ZEndpointIn, ZEndpointPatch } from "@/lib/endpoints/schemas";
import { applyServerErrors, fieldMessage } from "@/lib/forms/errors";
import { type Endpoint, useCreateEndpointMutation, useUpdateEndpointMutation } from "@/lib/queries/endpoints";
import { ChannelsInput } from "./channels-input";
import { EventTypePicker } from "./event-type-picker";

export interface EndpointFormValues {
  url: string;
  description: string;
  eventTypes: string[] | null;
  channels: string[] | null;
  throttleRate: number | null;
  maxInFlight: number | null;
  uid: string | null;
}
const FIELDS = ["url", "description", "eventTypes", "channels", "throttleRate", "maxInFlight", "uid"] as const;

const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);
const toNumber = (value: unknown) => (value === "" || value === null || value === undefined ? null : Number(value));

function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  if ("message" in error && typeof error.message === "string" && error.message) return error.message;
  for (const value of Object.values(error)) {
    const message = firstMessage(value);
    if (message) return message;
  }
  return undefined;
}

function Section({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <div className="grid gap-4 border-b border-zinc-100 px-6 py-6 last:border-b-0 md:grid-cols-[14rem_1fr] md:gap-8">
      <div>
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        <p className="mt-1 text-sm text-zinc-500">{description}</p>
      </div>
      <div className="min-w-0 space-y-4">{children}</div>
    </div>
  );
}

/**
 * Creates an endpoint, or edits one (`endpoint` given). Validated with the API's own
 * schemas; the server's field errors (e.g. a refused URL) appear under their fields.
 */
export function EndpointForm({
  appId,
  endpoint,
  onSaved,
  onCancel,
}: {
  appId: string;
  endpoint?: Endpoint;
  onSaved: (endpoint: Endpoint) => void;
  onCancel: () => void;
}) {
  const create = useCreateEndpointMutation(appId);
  const update = useUpdateEndpointMutation(appId, endpoint?.id ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  // The API's own schemas: ZEndpointIn to create, ZEndpointPatch to edit. Both accept every
  // value this form holds (their input types differ only in fields the form does not show).
  const resolver = (endpoint ? zodResolver(ZEndpointPatch) : zodResolver(ZEndpointIn)) as unknown as Resolver<EndpointFormValues>;
  const form = useForm<EndpointFormValues>({
    resolver,
    defaultValues: {
      url: endpoint?.url ?? "",
      description: endpoint?.description ?? "",
      eventTypes: endpoint?.eventTypes ?? null,
      channels: endpoint?.channels ?? null,
      throttleRate: endpoint?.throttleRate ?? null,
      maxInFlight: endpoint?.maxInFlight ?? null,
      uid: endpoint?.uid ?? null,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const described = (name: keyof EndpointFormValues) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `endpoint-${name}-error` } : {});

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(async (values) => {
        setFormError(null);
        try {
          const saved = endpoint ? await update.mutateAsync(values) : await create.mutateAsync(values);
          onSaved(saved);
        } catch (error) {
          setFormError(applyServerErrors((error as Error).message, FIELDS, form.setError));
        }
      })}
    >
      <Card>
        {formError ? (
          <div className="px-6 pt-6">
            <FormError message={formError} />
          </div>
        ) : null}
        <Section title="Destination" description="Where Pigeon sends the webhooks, as signed HTTP POST requests. It must be publicly reachable.">
          <Field label="Endpoint URL" htmlFor="endpoint-url" error={fieldMessage("URL", errors.url?.message)}>
            <Input
              id="endpoint-url"
              type="url"
              inputMode="url"
              placeholder="https://example.com/webhooks"
              autoFocus={!endpoint}
              spellCheck={false}
              className="font-mono"
              {...described("url")}
              {...form.register("url")}
            />
          </Field>
          <Field
            label="Description"
            htmlFor="endpoint-description"
            error={fieldMessage("Description", errors.description?.message)}
            hint="Optional. Helps your team and your customer tell endpoints apart."
          >
            <Input id="endpoint-description" placeholder="e.g. Production order sync" {...described("description")} {...form.register("description")} />
          </Field>
        </Section>

        <Section title="Event types" description="Send every event type, or only the ones chosen here. Names not in the catalogue may be typed in.">
          <p id="endpoint-event-types-label" className="sr-only">
            Event types
          </p>
          <Controller
            control={form.control}
            name="eventTypes"
            render={({ field }) => (
              <EventTypePicker value={field.value} onChange={field.onChange} invalid={!!errors.eventTypes} labelledBy="endpoint-event-types-label" />
            )}
          />
          {errors.eventTypes ? <p className="text-sm text-red-600">{fieldMessage("Event type", firstMessage(errors.eventTypes))}</p> : null}
        </Section>

        <Section
          title="Advanced"
          description="Optional: channels narrow delivery further; a rate limit protects a slow receiver; a uid lets your code address the endpoint."
        >
          <Field
            label="Channels"
            htmlFor="endpoint-channels"
            error={fieldMessage("Channels", firstMessage(errors.channels))}
            hint="Comma separated. When set, only messages sent to one of these channels are delivered."
          >
            <Controller
              control={form.control}
              name="channels"
              render={({ field }) => (
                <ChannelsInput
                  id="endpoint-channels"
                  placeholder="e.g. project_123, eu"
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  {...described("channels")}
                />
              )}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Rate limit (messages per second)"
              htmlFor="endpoint-throttle"
              error={fieldMessage("Rate limit", errors.throttleRate?.message)}
              hint="Empty for no limit."
            >
              <Input
                id="endpoint-throttle"
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                {...described("throttleRate")}
                {...form.register("throttleRate", { setValueAs: toNumber })}
              />
            </Field>
            <Field
              label="Attempts at once"
              htmlFor="endpoint-max-in-flight"
              error={fieldMessage("Attempts at once", errors.maxInFlight?.message)}
              hint="How many attempts each worker sends this endpoint at the same time. Empty for the installation's default."
            >
              <Input
                id="endpoint-max-in-flight"
                type="number"
                min={1}
                max={1000}
                step={1}
                inputMode="numeric"
                {...described("maxInFlight")}
                {...form.register("maxInFlight", { setValueAs: toNumber })}
              />
            </Field>
            <Field label="UID" htmlFor="endpoint-uid" error={fieldMessage("UID", errors.uid?.message)} hint="Optional, unique in this application.">
              <Input id="endpoint-uid" spellCheck={false} className="font-mono" {...described("uid")} {...form.register("uid", { setValueAs: emptyToNull })} />
            </Field>
          </div>
        </Section>
      </Card>
      <div className="mt-4 flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? (endpoint ? "Saving…" : "Creating…") : endpoint ? "Save changes" : "Create endpoint"}
        </Button>
      </div>
    </form>
  );
}
