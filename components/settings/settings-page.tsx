"use client";

import { useState } from "react";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { QueryContent } from "@/components/ui/query-content";
import { describeSchedule, RETRY_PRESETS, type RetryPresetName } from "@/lib/delivery/retry-schedule";
import { describeDisableRule } from "@/lib/health/disable-rule";
import { useAppsQuery } from "@/lib/queries/apps";
import { type DeliverySettings, useDeliverySettingsQuery, useUpdateDeliverySettingsMutation } from "@/lib/queries/settings";
import { formatBytes } from "@/lib/utils";

const WINDOWS = [
  { seconds: 3600, label: "1 hour" },
  { seconds: 6 * 3600, label: "6 hours" },
  { seconds: 24 * 3600, label: "24 hours" },
  { seconds: 3 * 86400, label: "3 days" },
  { seconds: 7 * 86400, label: "7 days" },
];

type ScheduleChoice = "inherit" | RetryPresetName | "custom";

function presetOf(schedule: number[] | null): ScheduleChoice {
  if (schedule === null) return "inherit";
  const found = (Object.keys(RETRY_PRESETS) as RetryPresetName[]).find((name) => RETRY_PRESETS[name].schedule.join(",") === schedule.join(","));
  return found ?? "custom";
}

function parseDelays(text: string): number[] | string {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const delays = parts.map(Number);
  if (delays.some((d) => !Number.isInteger(d) || d < 0)) return "Delays are whole seconds, separated by commas, e.g. 5, 300, 1800";
  if (delays.length > 20) return "At most 20 retries";
  return delays;
}

/** The form for one scope: what is set here, and what it falls back to when left empty. */
function SettingsForm({ settings, appId, editable }: { settings: DeliverySettings; appId: string | null; editable: boolean }) {
  const own = appId ? settings.application! : settings.organization;
  // What applies when this scope sets nothing: the organization's value (for an app), else the install's.
  const inherited = {
    retrySchedule: (appId ? settings.organization.retrySchedule : null) ?? settings.defaults.retrySchedule,
    disableWindowSeconds: (appId ? settings.organization.disableWindowSeconds : null) ?? settings.defaults.disableWindowSeconds,
    disableMinAttempts: (appId ? settings.organization.disableMinAttempts : null) ?? settings.defaults.disableMinAttempts,
    disableFailureRate: (appId ? settings.organization.disableFailureRate : null) ?? settings.defaults.disableFailureRate,
  };
  const inheritedFrom = appId ? "the organization" : "this installation";
  const update = useUpdateDeliverySettingsMutation(appId);

  const [choice, setChoice] = useState<ScheduleChoice>(presetOf(own.retrySchedule));
  const [custom, setCustom] = useState((own.retrySchedule ?? inherited.retrySchedule).join(", "));
  const [windowSeconds, setWindowSeconds] = useState(own.disableWindowSeconds === null ? "" : String(own.disableWindowSeconds));
  const [minAttempts, setMinAttempts] = useState(own.disableMinAttempts === null ? "" : String(own.disableMinAttempts));
  const [ratePercent, setRatePercent] = useState(own.disableFailureRate === null ? "" : String(Math.round(own.disableFailureRate * 1000) / 10));
  const [retentionDays, setRetentionDays] = useState(settings.organization.retentionDays === null ? "" : String(settings.organization.retentionDays));

  const schedule = choice === "inherit" ? null : choice === "custom" ? parseDelays(custom) : [...RETRY_PRESETS[choice].schedule];
  const scheduleError = typeof schedule === "string" ? schedule : null;
  const minError = minAttempts !== "" && !(Number.isInteger(Number(minAttempts)) && Number(minAttempts) >= 1) ? "A whole number of at least 1" : null;
  const rateError = ratePercent !== "" && !(Number(ratePercent) >= 50 && Number(ratePercent) <= 100) ? "Between 50 and 100 %" : null;
  const retentionError = retentionDays !== "" && !(Number.isInteger(Number(retentionDays)) && Number(retentionDays) >= 1 && Number(retentionDays) <= 3650) ? "Whole days, 1 to 3650" : null;
  const invalid = !!scheduleError || !!minError || !!rateError || !!retentionError;

  const effective = {
    schedule: typeof schedule === "string" ? null : (schedule ?? inherited.retrySchedule),
    windowSeconds: windowSeconds === "" ? inherited.disableWindowSeconds : Number(windowSeconds),
    minAttempts: minAttempts === "" || minError ? inherited.disableMinAttempts : Number(minAttempts),
    disableRate: ratePercent === "" || rateError ? inherited.disableFailureRate : Number(ratePercent) / 100,
  };
  // A window set through the API may not be one of the choices; it is shown as it is.
  const windows = WINDOWS.some((w) => w.seconds === effective.windowSeconds) ? WINDOWS : [...WINDOWS, { seconds: effective.windowSeconds, label: `${effective.windowSeconds} seconds` }];

  const save = () => {
    if (invalid) return;
    update.mutate(
      {
        retrySchedule: schedule as number[] | null,
        disableWindowSeconds: windowSeconds === "" ? null : Number(windowSeconds),
        disableMinAttempts: minAttempts === "" ? null : Number(minAttempts),
        disableFailureRate: ratePercent === "" ? null : Number(ratePercent) / 100,
        // Retention belongs to the organization only.
        ...(appId ? {} : { retentionDays: retentionDays === "" ? null : Number(retentionDays) }),
      },
      { onSuccess: () => toast.success("Settings saved") },
    );
  };

  return (
    <div className="space-y-6">
      <Card className="p-6">
        <h2 className="text-base font-semibold">Retry schedule</h2>
        <p className="mt-1 text-sm text-zinc-600">When a delivery fails, Pigeon tries again after these delays, then gives up and tells you.</p>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field label="Schedule" htmlFor="schedule">
            <Select id="schedule" value={choice} disabled={!editable} onChange={(e) => setChoice(e.target.value as ScheduleChoice)}>
              <option value="inherit">As {inheritedFrom} ({describeSchedule(inherited.retrySchedule)})</option>
              {(Object.keys(RETRY_PRESETS) as RetryPresetName[]).map((name) => (
                <option key={name} value={name}>
                  {RETRY_PRESETS[name].label}
                </option>
              ))}
              <option value="custom">Custom delays…</option>
            </Select>
          </Field>
          {choice === "custom" ? (
            <Field label="Delays in seconds" htmlFor="delays" error={scheduleError ?? undefined} hint="Comma separated, e.g. 5, 300, 1800">
              <Input id="delays" value={custom} disabled={!editable} onChange={(e) => setCustom(e.target.value)} className="font-mono" />
            </Field>
          ) : null}
        </div>
        {effective.schedule ? (
          <p className="mt-4 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-700" data-testid="schedule-preview">
            {effective.schedule.length + 1} attempt{effective.schedule.length ? "s" : ""}: {describeSchedule(effective.schedule)}.
          </p>
        ) : null}
      </Card>

      <Card className="p-6">
        <h2 className="text-base font-semibold">Disabling failing endpoints</h2>
        <p className="mt-1 text-sm text-zinc-600">
          An endpoint that keeps failing is disabled automatically and the team is told; its messages are kept and can be recovered. Leave a field
          empty to use the value of {inheritedFrom}.
        </p>
        <div className="mt-4 grid gap-4 sm:grid-cols-3">
          <Field label="Window" htmlFor="window">
            <Select id="window" value={windowSeconds} disabled={!editable} onChange={(e) => setWindowSeconds(e.target.value)}>
              <option value="">As {inheritedFrom} ({WINDOWS.find((w) => w.seconds === inherited.disableWindowSeconds)?.label ?? `${inherited.disableWindowSeconds} s`})</option>
              {windows.map((w) => (
                <option key={w.seconds} value={String(w.seconds)}>
                  {w.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="At least this many attempts" htmlFor="min-attempts" error={minError ?? undefined}>
            <Input id="min-attempts" inputMode="numeric" placeholder={String(inherited.disableMinAttempts)} value={minAttempts} disabled={!editable} onChange={(e) => setMinAttempts(e.target.value)} />
          </Field>
          <Field label="Failure rate (%)" htmlFor="failure-rate" error={rateError ?? undefined}>
            <Input id="failure-rate" inputMode="decimal" placeholder={String(inherited.disableFailureRate * 100)} value={ratePercent} disabled={!editable} onChange={(e) => setRatePercent(e.target.value)} />
          </Field>
        </div>
        <p className="mt-4 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-700" data-testid="rule-preview">
          {(() => {
            const text = describeDisableRule({ windowSeconds: effective.windowSeconds, minAttempts: effective.minAttempts, disableRate: effective.disableRate });
            return text.charAt(0).toUpperCase() + text.slice(1) + ".";
          })()}
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
            <Field label="Keep payloads for (days)" htmlFor="retention-days" error={retentionError ?? undefined}>
              <Input id="retention-days" inputMode="numeric" placeholder={String(settings.defaults.retentionDays)} value={retentionDays} disabled={!editable} onChange={(e) => setRetentionDays(e.target.value)} />
            </Field>
          </div>
        </Card>
      )}

      <FormError message={update.error?.message} />
      {editable ? (
        <div className="flex justify-end">
          <Button onClick={save} disabled={update.isPending || invalid}>
            {update.isPending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-zinc-500">Only {appId ? "developers" : "admins"} can change these settings.</p>
      )}
    </div>
  );
}

/** The organization's API limits: read-only, the installation's operator sets them. */
function LimitsCard() {
  const { limits } = useConsole().org;
  return (
    <Card className="mt-6 p-6" data-testid="limits">
      <h2 className="text-base font-semibold">Limits</h2>
      <p className="mt-1 text-sm text-zinc-600">
        Set by the operator of this Pigeon installation. A request over the rate is answered <code>429</code> with <code>Retry-After</code>; a larger
        payload is refused with <code>413</code>.
      </p>
      <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-zinc-500">API requests</dt>
          <dd className="mt-1 font-medium">{limits.apiRateLimit === 0 ? "No limit" : `${limits.apiRateLimit.toLocaleString("en-US")} per second`}</dd>
        </div>
        <div>
          <dt className="text-zinc-500">Largest message payload</dt>
          <dd className="mt-1 font-medium">
            {formatBytes(limits.maxPayloadBytes)} <span className="font-normal text-zinc-500">({limits.maxPayloadBytes.toLocaleString("en-US")} bytes of JSON)</span>
          </dd>
        </div>
      </dl>
    </Card>
  );
}

export function SettingsPage() {
  const { can } = useConsole();
  const [appId, setAppId] = useState<string | null>(null);
  const apps = useAppsQuery();
  const settings = useDeliverySettingsQuery(appId);
  const appList = apps.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <div className="max-w-4xl">
      <PageHeader
        title="Delivery settings"
        description="How hard Pigeon tries, when it stops sending to an endpoint that keeps failing, and how long it keeps payloads. Set them for the organization, and override delivery for one application."
        actions={
          <Select aria-label="Settings for" value={appId ?? ""} onChange={(e) => setAppId(e.target.value || null)} className="w-64">
            <option value="">The whole organization</option>
            {appList.map((app) => (
              <option key={app.id} value={app.id}>
                Application: {app.name}
              </option>
            ))}
          </Select>
        }
      />
      <QueryContent query={settings}>
        {(data) => (
          <>
            <SettingsForm key={appId ?? "organization"} settings={data} appId={appId} editable={can(appId ? "developer" : "admin")} />
            {appId ? null : <LimitsCard />}
          </>
        )}
      </QueryContent>
    </div>
  );
}
