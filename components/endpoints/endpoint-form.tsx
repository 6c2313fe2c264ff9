"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useState } from "react";
import { Controller, type Resolver, useForm, useWatch } from "react-hook-form";
import { useAppScope } from "@/components/common/app-scope";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { type Choice, ChoiceCards } from "@/components/ui/choice-cards";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { type TEndpointIn, type TEndpointPatch, ZEndpointIn, ZEndpointPatch } from "@/lib/endpoints/schemas";
import { applyServerErrors, fieldMessage } from "@/lib/forms/errors";
import { type CreatedEndpoint, type Endpoint, useCreateEndpointMutation, useUpdateEndpointMutation } from "@/lib/queries/endpoints";
import { useRecentResponseTimeQuery } from "@/lib/queries/attempts";
import { ChannelsInput } from "./channels-input";
import { EventTypePicker } from "./event-type-picker";
import { PaceFields } from "./pace-fields";

export interface EndpointFormValues {
  type: Endpoint["type"];
  url: string;
  description: string;
  eventTypes: string[] | null;
  channels: string[] | null;
  throttleRate: number | null;
  maxInFlight: number | null;
  uid: string | null;
  /** The batch's settings are kept while batching is off, so switching it back on finds them. */
  batching: boolean;
  batch: { maxSize: number | null; maxWaitMs: number | null };
  ordering: Endpoint["ordering"];
  fifoOnExhausted: Endpoint["fifoOnExhausted"];
}
const FIELDS = [
  "type",
  "url",
  "description",
  "eventTypes",
  "channels",
  "throttleRate",
  "maxInFlight",
  "uid",
  "batch",
  "batch.maxSize",
  "batch.maxWaitMs",
  "ordering",
  "fifoOnExhausted",
] as const;

/**
 * What the API is given. A polling endpoint has no URL, and nothing is sent to it, so a
 * send rate, attempts at once, batches and ordering mean nothing: fields typed before
 * switching to polling are left out rather than refused. An edit never sends the type
 * (it cannot change). An empty wait is left out, for the API's default.
 */
function toInput(values: EndpointFormValues, editing: boolean) {
  const { type, url, throttleRate, maxInFlight, batching, batch, ordering, fifoOnExhausted, ...rest } = values;
  const sending =
    type === "polling"
      ? {}
      : {
          url,
          throttleRate,
          maxInFlight,
          batch: batching ? { maxSize: batch.maxSize, maxWaitMs: batch.maxWaitMs ?? undefined } : null,
          ordering,
          fifoOnExhausted,
        };
  return { ...(editing ? {} : { type }), ...rest, ...sending };
}

/** An empty batch size would read "expected number, received null"; it is simply required. */
function requireBatchSize(values: EndpointFormValues, result: Awaited<ReturnType<Resolver<EndpointFormValues>>>) {
  if (values.type === "polling" || !values.batching || values.batch.maxSize !== null) return result;
  const errors = result.errors as Record<string, Record<string, unknown> | undefined>;
  return { values: {}, errors: { ...errors, batch: { ...errors.batch, maxSize: { type: "required", message: "is required" } } } } as typeof result;
}

const TYPES: Choice<Endpoint["type"]>[] = [
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
];

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
  const portal = useAppScope().kind === "portal";
  const create = useCreateEndpointMutation(appId);
  const update = useUpdateEndpointMutation(appId, endpoint?.id ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  // The API's own schemas: ZEndpointIn to create, ZEndpointPatch to edit, given what the API
  // will be given (their input types differ only in fields the form does not show).
  const schema = (endpoint ? zodResolver(ZEndpointPatch) : zodResolver(ZEndpointIn)) as unknown as Resolver<EndpointFormValues>;
  const resolver: Resolver<EndpointFormValues> = async (values, context, options) =>
    requireBatchSize(values, await schema(toInput(values, !!endpoint) as EndpointFormValues, context, options));
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
      batching: !!endpoint?.batch,
      batch: { maxSize: endpoint?.batch?.maxSize ?? 100, maxWaitMs: endpoint?.batch?.maxWaitMs ?? 2000 },
      ordering: endpoint?.ordering ?? "unordered",
      fifoOnExhausted: endpoint?.fifoOnExhausted ?? "skip",
    },
  });
  const { errors, isSubmitting } = form.formState;
  const described = (name: keyof EndpointFormValues) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `endpoint-${name}-error` } : {});
  const polling = useWatch({ control: form.control, name: "type" }) === "polling";
  const responseTime = useRecentResponseTimeQuery(appId, endpoint && !polling ? endpoint.id : null);

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(async (values) => {
        setFormError(null);
        try {
          // `values` are the schema's parse of toInput's result (see the resolver), not the form's own shape.
          const input = values as unknown as TEndpointIn & TEndpointPatch;
          const saved = endpoint ? await update.mutateAsync(input) : await create.mutateAsync(input);
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
          <Section title="Type" description={`How the messages reach ${portal ? "you" : "your customer"}. This cannot be changed later.`}>
            <Controller
              control={form.control}
              name="type"
              render={({ field }) => <ChoiceCards name="endpoint-type" legend="Endpoint type" choices={TYPES} value={field.value} onChange={field.onChange} />}
            />
            {errors.type ? <p className="text-sm text-red-700">{fieldMessage("Type", errors.type.message)}</p> : null}
          </Section>
        )}
        <Section
          title={polling ? "Details" : "Destination"}
          description={
            polling
              ? "Consumers read this endpoint with its own token, shown once when it is created. Messages wait here until they do."
              : `Where ${portal ? "your webhooks are sent" : "Pigeon sends the webhooks"}, as signed HTTP POST requests. It must be publicly reachable.`
          }
        >
          {polling ? null : (
            <Field label="Endpoint URL" htmlFor="endpoint-url" errorLabel="URL" error={errors.url?.message}>
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
            error={errors.description?.message}
            hint={portal ? "Optional. Helps you tell endpoints apart." : "Optional. Helps your team and your customer tell endpoints apart."}
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
          {errors.eventTypes ? <p className="text-sm text-red-700">{fieldMessage("Event type", firstMessage(errors.eventTypes))}</p> : null}
        </Section>

        {polling ? null : (
          <Section
            title="Pace and order"
            description="Against noise: fewer requests, messages in order, or a limit that protects a slow receiver. The defaults suit most endpoints."
          >
            <PaceFields form={form} responseMs={responseTime.data ?? null} />
          </Section>
        )}

        <Section
          title="Advanced"
          description={
            polling
              ? "Optional: channels narrow what reaches this endpoint further; a uid lets your code address it."
              : "Optional: channels narrow delivery further; attempts at once caps parallel requests; a uid lets your code address the endpoint."
          }
        >
          <Field
            label="Channels"
            htmlFor="endpoint-channels"
            error={firstMessage(errors.channels)}
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
                  label="Attempts at once"
                  htmlFor="endpoint-max-in-flight"
                  error={errors.maxInFlight?.message}
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
            <Field label="UID" htmlFor="endpoint-uid" error={errors.uid?.message} hint="Optional, unique in this application.">
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
