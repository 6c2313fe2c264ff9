"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useState } from "react";
import { Controller, type Resolver, useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ZEndpointIn, ZEndpointPatch } from "@/lib/endpoints/schemas";
import { applyServerErrors, fieldMessage } from "@/lib/forms/errors";
import { type CreatedEndpoint, type Endpoint, useCreateEndpointMutation, useUpdateEndpointMutation } from "@/lib/queries/endpoints";
import { cn } from "@/lib/utils";
import { ChannelsInput } from "./channels-input";
import { EventTypePicker } from "./event-type-picker";

export interface EndpointFormValues {
  type: Endpoint["type"];
  url: string;
  description: string;
  eventTypes: string[] | null;
  channels: string[] | null;
  throttleRate: number | null;
  maxInFlight: number | null;
  uid: string | null;
}
const FIELDS = ["type", "url", "description", "eventTypes", "channels", "throttleRate", "maxInFlight", "uid"] as const;

/**
 * What the API is given. A polling endpoint has no URL, and nothing is sent to it, so a
 * send rate and attempts at once mean nothing: fields typed before switching to polling
 * are left out rather than refused. An edit never sends the type (it cannot change).
 */
function toInput(values: EndpointFormValues, editing: boolean) {
  const { type, url, throttleRate, maxInFlight, ...rest } = values;
  const sending = type === "polling" ? {} : { url, throttleRate, maxInFlight };
  return { ...(editing ? {} : { type }), ...rest, ...sending };
}

const TYPES = [
  {
    value: "webhook",
    label: "Webhook",
    summary: "we POST to your URL",
    detail: "Each message is sent to a URL you give, signed, and retried until it is accepted.",
  },
  {
    value: "polling",
    label: "Polling",
    summary: "your consumers pull or stream",
    detail: "Nothing is sent: your consumers read the messages when they are ready, with a token, by polling or streaming.",
  },
] as const;

function TypeChoice({ value, onChange }: { value: Endpoint["type"]; onChange: (type: Endpoint["type"]) => void }) {
  return (
    <fieldset>
      <legend className="sr-only">Endpoint type</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {TYPES.map((type) => (
          <label
            key={type.value}
            className={cn(
              "flex cursor-pointer gap-3 rounded-lg border p-4 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
              value === type.value ? "border-brand-500 bg-brand-50 ring-1 ring-brand-500" : "border-zinc-200 hover:bg-zinc-50",
            )}
          >
            <input
              type="radio"
              name="endpoint-type"
              value={type.value}
              checked={value === type.value}
              onChange={() => onChange(type.value)}
              className="mt-0.5 size-4 shrink-0 accent-brand-600"
            />
            <span className="min-w-0">
              <span className="block text-sm font-medium text-zinc-900">
                {type.label} <span className="font-normal text-zinc-600">({type.summary})</span>
              </span>
              <span className="mt-1 block text-sm text-zinc-600">{type.detail}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

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
 * Creates an endpoint, a webhook or a polling one, or edits one (`endpoint` given; its type
 * stays). Validated with the API's own schemas; the server's field errors (e.g. a refused
 * URL) appear under their fields.
 */
export function EndpointForm({
  appId,
  endpoint,
  onSaved,
  onCancel,
}: {
  appId: string;
  endpoint?: Endpoint;
  onSaved: (endpoint: CreatedEndpoint) => void;
  onCancel: () => void;
}) {
  const create = useCreateEndpointMutation(appId);
  const update = useUpdateEndpointMutation(appId, endpoint?.id ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  // The API's own schemas: ZEndpointIn to create, ZEndpointPatch to edit, given what the API
  // will be given (their input types differ only in fields the form does not show).
  const schema = (endpoint ? zodResolver(ZEndpointPatch) : zodResolver(ZEndpointIn)) as unknown as Resolver<EndpointFormValues>;
  const resolver: Resolver<EndpointFormValues> = (values, context, options) => schema(toInput(values, !!endpoint) as EndpointFormValues, context, options);
  const form = useForm<EndpointFormValues>({
    resolver,
    defaultValues: {
      type: endpoint?.type ?? "webhook",
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
  const polling = useWatch({ control: form.control, name: "type" }) === "polling";

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(async (values) => {
        setFormError(null);
        try {
          // `values` are the schema's parse of toInput's result (see the resolver).
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
        {endpoint ? null : (
          <Section title="Type" description="How the messages reach your customer. This cannot be changed later.">
            <Controller control={form.control} name="type" render={({ field }) => <TypeChoice value={field.value} onChange={field.onChange} />} />
            {errors.type ? <p className="text-sm text-red-600">{fieldMessage("Type", errors.type.message)}</p> : null}
          </Section>
        )}
        <Section
          title={polling ? "Details" : "Destination"}
          description={
            polling
              ? "Consumers read this endpoint with its own token, shown once when it is created. Messages wait here until they do."
              : "Where Pigeon sends the webhooks, as signed HTTP POST requests. It must be publicly reachable."
          }
        >
          {polling ? null : (
            <Field label="Endpoint URL" htmlFor="endpoint-url" error={fieldMessage("URL", errors.url?.message)}>
              <Input
                id="endpoint-url"
                type="url"
                inputMode="url"
                placeholder="https://example.com/webhooks"
                spellCheck={false}
                className="font-mono"
                {...described("url")}
                {...form.register("url")}
              />
            </Field>
          )}
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
          description={
            polling
              ? "Optional: channels narrow what reaches this endpoint further; a uid lets your code address it."
              : "Optional: channels narrow delivery further; a rate limit protects a slow receiver; a uid lets your code address the endpoint."
          }
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
            {polling ? null : (
              <>
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
              </>
            )}
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
