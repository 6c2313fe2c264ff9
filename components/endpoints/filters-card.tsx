"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { useAppScope } from "@/components/common/app-scope";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { ZEndpointPatch } from "@/lib/endpoints/schemas";
import { applyServerErrors } from "@/lib/forms/errors";
import { type Endpoint, useUpdateEndpointMutation } from "@/lib/queries/endpoints";
import { ChannelsInput } from "./channels-input";
import { EventTypePicker, EventTypesSummary } from "./event-type-picker";

const ZFilters = ZEndpointPatch.pick({ eventTypes: true, channels: true });
type TFilters = z.input<typeof ZFilters>;

/** Which messages reach the endpoint: event types and channels (PATCH). */
export function FiltersCard({ appId, endpoint }: { appId: string; endpoint: Endpoint }) {
  const { access } = useAppScope();
  const update = useUpdateEndpointMutation(appId, endpoint.id);
  const [formError, setFormError] = useState<string | null>(null);
  // Bumped when the form is reset, so the channels text box starts again from the values.
  const [generation, setGeneration] = useState(0);
  const form = useForm<TFilters>({
    resolver: zodResolver(ZFilters),
    values: { eventTypes: endpoint.eventTypes, channels: endpoint.channels },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  const resetTo = (values?: TFilters) => {
    form.reset(values);
    setGeneration((g) => g + 1);
  };

  return (
    <Card>
      <div className="border-b border-zinc-100 px-5 py-4">
        <h2 className="font-semibold">Filters</h2>
        <p className="mt-1 text-sm text-zinc-600">Which messages this endpoint receives. With no event types chosen it receives all of them.</p>
      </div>
      {access.manageEndpoint ? (
        <form
          className="space-y-4 px-5 py-4"
          noValidate
          onSubmit={form.handleSubmit(async (values) => {
            setFormError(null);
            try {
              const saved = await update.mutateAsync({ eventTypes: values.eventTypes ?? null, channels: values.channels ?? null });
              resetTo({ eventTypes: saved.eventTypes, channels: saved.channels });
              toast.success("Filters saved");
            } catch (error) {
              setFormError(applyServerErrors((error as Error).message, ["eventTypes", "channels"], form.setError));
            }
          })}
        >
          <FormError message={formError} />
          <div className="space-y-1.5">
            <p id="filters-event-types-label" className="text-sm font-medium text-zinc-800">
              Event types
            </p>
            <Controller
              control={form.control}
              name="eventTypes"
              render={({ field }) => (
                <EventTypePicker value={field.value} onChange={field.onChange} labelledBy="filters-event-types-label" invalid={!!errors.eventTypes} />
              )}
            />
          </div>
          <Field
            label="Channels"
            htmlFor="filters-channels"
            error={errors.channels?.message ?? (Array.isArray(errors.channels) ? errors.channels.find(Boolean)?.message : undefined)}
            hint="Comma separated; empty for all channels."
          >
            <Controller
              control={form.control}
              name="channels"
              render={({ field }) => (
                <ChannelsInput key={generation} id="filters-channels" placeholder="e.g. project_123, eu" value={field.value} onChange={field.onChange} />
              )}
            />
          </Field>
          <div className="flex justify-end gap-2">
            {isDirty ? (
              <Button type="button" variant="ghost" onClick={() => resetTo()} disabled={isSubmitting}>
                Discard
              </Button>
            ) : null}
            <Button type="submit" disabled={!isDirty || isSubmitting}>
              {isSubmitting ? "Saving…" : "Save filters"}
            </Button>
          </div>
        </form>
      ) : (
        <dl className="grid gap-4 px-5 py-4 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-zinc-500">Event types</dt>
          <dd>
            <EventTypesSummary eventTypes={endpoint.eventTypes} max={50} />
          </dd>
          <dt className="text-zinc-500">Channels</dt>
          <dd>
            {endpoint.channels?.length ? (
              <span className="font-mono">{endpoint.channels.join(", ")}</span>
            ) : (
              <span className="text-zinc-500">All channels</span>
            )}
          </dd>
        </dl>
      )}
    </Card>
  );
}
