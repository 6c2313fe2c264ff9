"use client";

import { Controller, type UseFormReturn, useWatch } from "react-hook-form";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { estimateThroughput, formatRate } from "@/lib/endpoints/estimate-throughput";
import { fieldMessage } from "@/lib/forms/errors";
import type { EndpointFormValues } from "./endpoint-form";

// A receiver that answers in this long is what the estimates assume until the endpoint has answered for real.
const EXAMPLE_RESPONSE_MS = 200;

const toNumber = (value: unknown) => (value === "" || value === null || value === undefined ? null : Number(value));

const ORDERINGS = [
  {
    value: "unordered",
    label: "Any order",
    summary: "fastest",
    detail: "Messages go out as soon as they can, several at once; a retried message may arrive after newer ones.",
  },
  {
    value: "fifo",
    label: "In order",
    summary: "FIFO",
    detail: "One request at a time, in the order the messages were accepted; the next waits until the one before succeeded or gave up.",
  },
] as const;

const ON_EXHAUSTED = [
  {
    value: "skip",
    label: "Skip it",
    detail: "The queue goes on with the next message; the failed one can still be resent.",
  },
  {
    value: "halt",
    label: "Halt the queue",
    detail: "Nothing more is sent until that message is resent successfully or recovered. Nothing is lost meanwhile.",
  },
] as const;

/**
 * A webhook endpoint's pace: batching, ordering and the rate limit, each with what the
 * receiver will see and what it costs. `responseMs` is how fast the endpoint answered
 * lately (null: not known yet), for the FIFO estimate.
 */
export function PaceFields({ form, responseMs }: { form: UseFormReturn<EndpointFormValues>; responseMs: number | null }) {
  const { errors } = form.formState;
  const [batching, batch, ordering, throttleRate] = useWatch({ control: form.control, name: ["batching", "batch", "ordering", "throttleRate"] });
  const fifo = ordering === "fifo";
  const batchSize = batching && batch.maxSize && batch.maxSize > 0 ? batch.maxSize : 1;
  const roundTrip = responseMs ?? EXAMPLE_RESPONSE_MS;
  const validRate = throttleRate && throttleRate >= 1 ? throttleRate : null;
  const fifoRate = estimateThroughput({ fifo: true, batchSize, throttleRate: null }, roundTrip)!;
  const ceiling = estimateThroughput({ fifo, batchSize, throttleRate: validRate }, roundTrip);
  const perRequest = batchSize > 1 ? `in batches of ${batchSize.toLocaleString()}` : "one per request";
  const described = (name: string, invalid: boolean) => (invalid ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});

  return (
    <>
      <div className="space-y-3">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <label htmlFor="endpoint-batching" className="block text-sm font-medium text-zinc-800">
              Send in batches
            </label>
            <p className="mt-1 text-sm text-zinc-600">
              {batching
                ? "Your endpoint receives several messages in one signed POST: its body is a JSON array of {id, eventType, timestamp, payload}. Fewer requests, but a message may wait for its batch to fill."
                : "Off: each message is its own POST, its body the message's payload."}
            </p>
          </div>
          <Controller
            control={form.control}
            name="batching"
            render={({ field }) => <Switch id="endpoint-batching" checked={field.value} onCheckedChange={field.onChange} />}
          />
        </div>
        {errors.batch?.message ? (
          <p className="text-sm text-red-700" id="endpoint-batching-error">
            {fieldMessage("Batching", errors.batch.message)}
          </p>
        ) : null}
        {batching ? (
          <div className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label="Most messages per batch"
                htmlFor="endpoint-batch-size"
                errorLabel="The size"
                error={errors.batch?.maxSize?.message}
                hint="From 1 to 1000."
              >
                <Input
                  id="endpoint-batch-size"
                  type="number"
                  min={1}
                  max={1000}
                  step={1}
                  inputMode="numeric"
                  {...described("endpoint-batch-size", !!errors.batch?.maxSize)}
                  {...form.register("batch.maxSize", { setValueAs: toNumber })}
                />
              </Field>
              <Field
                label="Longest wait (milliseconds)"
                htmlFor="endpoint-batch-wait"
                errorLabel="The wait"
                error={errors.batch?.maxWaitMs?.message}
                hint="Empty for 2000 (2 s); 0 sends whatever is waiting at once."
              >
                <Input
                  id="endpoint-batch-wait"
                  type="number"
                  min={0}
                  max={300000}
                  step={100}
                  inputMode="numeric"
                  {...described("endpoint-batch-wait", !!errors.batch?.maxWaitMs)}
                  {...form.register("batch.maxWaitMs", { setValueAs: toNumber })}
                />
              </Field>
            </div>
            <p className="text-sm text-zinc-600">
              A batch goes once it is full, or once its first message has waited this long. A failed batch is retried whole, under the same webhook-id (the
              batch&apos;s id); resending one message sends it alone.
            </p>
          </div>
        ) : null}
      </div>

      <div className="space-y-3">
        <p id="endpoint-ordering-label" className="text-sm font-medium text-zinc-800">
          Order
        </p>
        <Controller
          control={form.control}
          name="ordering"
          render={({ field }) => <ChoiceCards name="endpoint-ordering" legend="Order" choices={ORDERINGS} value={field.value} onChange={field.onChange} />}
        />
        {errors.ordering?.message ? <p className="text-sm text-red-700">{fieldMessage("Order", errors.ordering.message)}</p> : null}
        <p className="text-sm text-zinc-600" aria-live="polite">
          {fifo ? "In order" : "If you choose in order"}, throughput is bounded by your endpoint&apos;s round trip: at most{" "}
          <strong className="font-medium text-zinc-900">{formatRate(fifoRate)} messages per second</strong> ({perRequest}) when it answers in{" "}
          {roundTrip.toLocaleString()} ms{responseMs === null ? "" : ", as it did lately"}. Other endpoints are never held up.
        </p>
        {fifo ? (
          <div className="space-y-2 rounded-lg border border-zinc-200 bg-zinc-50 p-4">
            <p className="text-sm font-medium text-zinc-800">When a message runs out of retries</p>
            <Controller
              control={form.control}
              name="fifoOnExhausted"
              render={({ field }) => (
                <ChoiceCards
                  name="endpoint-fifo-on-exhausted"
                  legend="When a message runs out of retries"
                  choices={ON_EXHAUSTED}
                  value={field.value}
                  onChange={field.onChange}
                />
              )}
            />
            {errors.fifoOnExhausted?.message ? <p className="text-sm text-red-700">{fieldMessage("This choice", errors.fifoOnExhausted.message)}</p> : null}
          </div>
        ) : null}
      </div>

      <Field
        label={batching ? "Rate limit (requests per second)" : "Rate limit (messages per second)"}
        htmlFor="endpoint-throttle"
        errorLabel="Rate limit"
        error={errors.throttleRate?.message}
        hint={
          batching
            ? "Requests per second, across all of Pigeon's workers together; a batch counts as one. Messages over the limit wait their turn, none is dropped. Empty for no limit."
            : "Across all of Pigeon's workers together. Messages over the limit wait their turn, none is dropped. Empty for no limit."
        }
      >
        <Input
          id="endpoint-throttle"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          className="sm:max-w-60"
          {...described("endpoint-throttle", !!errors.throttleRate)}
          {...form.register("throttleRate", { setValueAs: toNumber })}
        />
      </Field>

      <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900" aria-label="What your endpoint will see">
        Your endpoint will receive messages {perRequest}, {fifo ? "in the order they were accepted, one request at a time" : "in any order, several at once"}
        {ceiling === null ? "." : <>, at most {formatRate(ceiling)} messages per second.</>}
      </p>
    </>
  );
}
