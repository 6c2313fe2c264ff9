"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type UseFormRegisterReturn, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { describeSchedule, RETRY_PRESETS, type RetryPresetName } from "@/lib/delivery/retry-schedule";
import { applyServerErrors, fieldMessage } from "@/lib/forms/errors";
import { draftLayer, percentText, settingsFormValues, type SettingsFormValues, ZSettingsForm } from "@/lib/forms/settings-form";
import { describeDisableRule, formatWindow } from "@/lib/health/disable-rule";
import { type DeliverySettings, useUpdateDeliverySettingsMutation } from "@/lib/queries/settings";
import { resolveSettings } from "@/lib/settings/resolve-settings";

const HOUR = 3600;
const DAY = 24 * HOUR;
const WINDOWS = [HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY];
const MIN_DURATIONS = [0, 15 * 60, HOUR, 6 * HOUR, DAY, 3 * DAY];
const FIELDS = ["delays", "disableWindowSeconds", "disableMinDurationSeconds", "disableMinAttempts", "disableFailureRate", "retentionDays"] as const;

const durationText = (seconds: number) => (seconds === 0 ? "At once" : formatWindow(seconds));
const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A choice of durations, "as the layer below" first; a value set through the API that is not a choice is shown as it is. */
function SecondsSelect({
  id,
  choices,
  current,
  inherit,
  field,
}: {
  id: string;
  choices: number[];
  current: number;
  inherit: string;
  field: UseFormRegisterReturn;
}) {
  const shown = choices.includes(current) ? choices : [...choices, current];
  return (
    <Select id={id} {...field}>
      <option value="">{inherit}</option>
      {shown.map((seconds) => (
        <option key={seconds} value={String(seconds)}>
          {durationText(seconds)}
        </option>
      ))}
    </Select>
  );
}

/** The settings of one scope: what is set here, and what it falls back to when left empty. */
export function SettingsForm({ settings, appId, editable }: { settings: DeliverySettings; appId: string | null; editable: boolean }) {
  const own = appId ? settings.application! : settings.organization;
  // What applies when this scope sets nothing: the organization's value (for an app), else the install's.
  const parents = appId ? [settings.organization] : [];
  const inherited = resolveSettings(parents, settings.defaults);
  const inheritedFrom = appId ? "the organization" : "this installation";
  const update = useUpdateDeliverySettingsMutation(appId);
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm({
    resolver: zodResolver(ZSettingsForm),
    mode: "onChange",
    defaultValues: settingsFormValues(own, settings.organization.retentionDays, inherited.retrySchedule),
  });
  const { errors, isSubmitting, isValid } = form.formState;
  const values = useWatch({ control: form.control }) as SettingsFormValues;
  const draft = draftLayer(values);
  const effective = resolveSettings([draft, ...parents], settings.defaults);
  const error = (name: keyof SettingsFormValues, label: string) => fieldMessage(label, errors[name]?.message);
  // ZRetrySchedule words its messages as sentences about the delays ("each delay must be …").
  const delaysError = errors.delays?.message && capitalized(errors.delays.message);

  const save = form.handleSubmit(async (input) => {
    setFormError(null);
    // Retention belongs to the organization only.
    const { retentionDays, ...delivery } = input;
    try {
      await update.mutateAsync(appId ? delivery : { ...delivery, retentionDays });
      toast.success("Settings saved");
    } catch (failure) {
      setFormError(applyServerErrors((failure as Error).message, FIELDS, form.setError));
    }
  });

  return (
    <form noValidate onSubmit={save} className="space-y-6">
      <fieldset disabled={!editable} className="min-w-0 space-y-6">
        <Card className="p-6">
          <h2 className="text-base font-semibold">Retry schedule</h2>
          <p className="mt-1 text-sm text-zinc-600">When a delivery fails, Pigeon tries again after these delays, then gives up and tells you.</p>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <Field label="Schedule" htmlFor="schedule">
              <Select id="schedule" {...form.register("schedule")}>
                <option value="inherit">
                  As {inheritedFrom} ({describeSchedule(inherited.retrySchedule)})
                </option>
                {(Object.keys(RETRY_PRESETS) as RetryPresetName[]).map((name) => (
                  <option key={name} value={name}>
                    {RETRY_PRESETS[name].label}
                  </option>
                ))}
                <option value="custom">Custom delays…</option>
              </Select>
            </Field>
            {values.schedule === "custom" ? (
              <Field label="Delays in seconds" htmlFor="delays" error={delaysError} hint="Comma separated, e.g. 5, 300, 1800">
                <Input id="delays" aria-invalid={!!errors.delays} className="font-mono" {...form.register("delays")} />
              </Field>
            ) : null}
          </div>
          {/* Custom delays that are not valid yet have no preview. */}
          {draft.retrySchedule !== undefined ? (
            <p className="mt-4 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-700" data-testid="schedule-preview">
              {effective.retrySchedule.length + 1} attempt{effective.retrySchedule.length ? "s" : ""}: {describeSchedule(effective.retrySchedule)}.
            </p>
          ) : null}
        </Card>

        <Card className="p-6">
          <h2 className="text-base font-semibold">Disabling failing endpoints</h2>
          <p className="mt-1 text-sm text-zinc-600">
            An endpoint that keeps failing is disabled automatically and the team is told; its messages are kept and can be recovered. Leave a field empty to
            use the value of {inheritedFrom}.
          </p>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <Field label="Window" htmlFor="window" error={error("disableWindowSeconds", "Window")}>
              <SecondsSelect
                id="window"
                choices={WINDOWS}
                current={effective.rule.windowSeconds}
                inherit={`As ${inheritedFrom} (${durationText(inherited.rule.windowSeconds)})`}
                field={form.register("disableWindowSeconds")}
              />
            </Field>
            <Field label="At least this many attempts" htmlFor="min-attempts" error={error("disableMinAttempts", "Attempts")}>
              <Input
                id="min-attempts"
                inputMode="numeric"
                placeholder={String(inherited.rule.minAttempts)}
                aria-invalid={!!errors.disableMinAttempts}
                {...form.register("disableMinAttempts")}
              />
            </Field>
            <Field label="Failure rate (%)" htmlFor="failure-rate" error={error("disableFailureRate", "Failure rate")}>
              <Input
                id="failure-rate"
                inputMode="decimal"
                placeholder={percentText(inherited.rule.disableRate)}
                aria-invalid={!!errors.disableFailureRate}
                {...form.register("disableFailureRate")}
              />
            </Field>
            <Field label="Failing for at least" htmlFor="min-duration" error={error("disableMinDurationSeconds", "Duration")}>
              <SecondsSelect
                id="min-duration"
                choices={MIN_DURATIONS}
                current={effective.rule.minDurationSeconds}
                inherit={`As ${inheritedFrom} (${durationText(inherited.rule.minDurationSeconds).toLowerCase()})`}
                field={form.register("disableMinDurationSeconds")}
              />
            </Field>
          </div>
          <p className="mt-4 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-700" data-testid="rule-preview">
            {capitalized(describeDisableRule(effective.rule))}.
          </p>
        </Card>

        {appId ? null : (
          <Card className="p-6">
            <h2 className="text-base font-semibold">Retention</h2>
            <p className="mt-1 text-sm text-zinc-600">
              After this many days a message&apos;s payload and its attempts&apos; response bodies are deleted; what happened (times, statuses, attempts) stays
              in the logs. Leave it empty to use this installation&apos;s {settings.defaults.retentionDays} days.
            </p>
            <div className="mt-4 grid gap-4 sm:grid-cols-3">
              <Field label="Keep payloads for (days)" htmlFor="retention-days" error={error("retentionDays", "Retention")}>
                <Input
                  id="retention-days"
                  inputMode="numeric"
                  placeholder={String(settings.defaults.retentionDays)}
                  aria-invalid={!!errors.retentionDays}
                  {...form.register("retentionDays")}
                />
              </Field>
            </div>
          </Card>
        )}
      </fieldset>

      <FormError message={formError} />
      {editable ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting || !isValid}>
            {isSubmitting ? "Saving…" : "Save settings"}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-zinc-500">Only {appId ? "developers" : "admins"} can change these settings.</p>
      )}
    </form>
  );
}
