import { db, type Endpoint } from "@/lib/db";
import { env } from "@/lib/env";
import { createNotice, type NewNotice } from "@/lib/notices/create-notice";
import { emitEndpointDisabled } from "@/lib/operational/emit-operational-event";
import { describeDisableRule, evaluateEndpointHealth } from "./disable-rule";

export interface RuleSource {
  disableWindowSeconds: number | null;
  disableMinAttempts: number | null;
  disableFailureRate: number | null;
}

export interface EndpointOutcome {
  endpoint: Pick<Endpoint, "id" | "appId" | "uid" | "url" | "disabled" | "failingSince">;
  orgId: string;
  app: RuleSource;
  org: RuleSource;
  attempts: number;
  failures: number;
}

export interface InstallRule {
  windowSeconds: number;
  minAttempts: number;
  disableRate: number;
  warnRate: number;
}

function installRule(): InstallRule {
  const settings = env();
  return {
    windowSeconds: settings.PIGEON_DISABLE_WINDOW_SECONDS,
    minAttempts: settings.PIGEON_DISABLE_MIN_ATTEMPTS,
    disableRate: settings.PIGEON_DISABLE_FAILURE_RATE,
    warnRate: settings.PIGEON_FAILING_RATE,
  };
}

/** The rule that applies: the application's, else the organization's, else the install's; never warning above the disable threshold. */
export function ruleFor(app: RuleSource, org: RuleSource, install: InstallRule = installRule()) {
  const disableRate = app.disableFailureRate ?? org.disableFailureRate ?? install.disableRate;
  return {
    windowSeconds: app.disableWindowSeconds ?? org.disableWindowSeconds ?? install.windowSeconds,
    minAttempts: app.disableMinAttempts ?? org.disableMinAttempts ?? install.minAttempts,
    disableRate,
    warnRate: Math.min(install.warnRate, disableRate),
  };
}

const percent = (rate: number) => `${Number((rate * 100).toFixed(1))} %`;

/** Attempts and failures of each endpoint over its trailing window, from the per-minute counters. */
async function windowCounts(endpointIds: string[], windowSeconds: number, now: Date): Promise<Map<string, { attempts: number; failures: number }>> {
  // The current minute is partly inside the window; whole older minutes count when they start inside it.
  const from = new Date(Math.floor((now.getTime() - windowSeconds * 1000) / 60_000) * 60_000 + 60_000);
  const rows = await db.endpointStat.groupBy({ by: ["endpointId"], where: { endpointId: { in: endpointIds }, minute: { gte: from } }, _sum: { attempts: true, failures: true } });
  return new Map(rows.map((r) => [r.endpointId, { attempts: r._sum.attempts ?? 0, failures: r._sum.failures ?? 0 }]));
}

/**
 * Applies the disable rule to the endpoints a batch of attempts just touched: disables one
 * that crossed the threshold (its waiting deliveries paused, recoverable), flags one that
 * is failing, and marks a failing one recovered when it succeeds again — each with a notice.
 */
export async function checkEndpointHealth(outcomes: EndpointOutcome[], now = new Date()): Promise<void> {
  const byWindow = new Map<number, EndpointOutcome[]>();
  for (const outcome of outcomes) {
    // Only failures can cross the threshold, and only a failing endpoint can recover.
    if (outcome.endpoint.disabled || (outcome.failures === 0 && !outcome.endpoint.failingSince)) continue;
    const { windowSeconds } = ruleFor(outcome.app, outcome.org);
    byWindow.set(windowSeconds, [...(byWindow.get(windowSeconds) ?? []), outcome]);
  }
  const notices: NewNotice[] = [];
  for (const [windowSeconds, group] of byWindow) {
    const counts = await windowCounts(group.map((o) => o.endpoint.id), windowSeconds, now);
    for (const outcome of group) {
      const { endpoint } = outcome;
      const rule = ruleFor(outcome.app, outcome.org);
      const window = counts.get(endpoint.id) ?? { attempts: 0, failures: 0 };
      const health = evaluateEndpointHealth({ ...window, ...rule });
      const about = { attempts: window.attempts, failures: window.failures, failureRate: window.attempts ? window.failures / window.attempts : 0, windowSeconds };
      const base = { orgId: outcome.orgId, appId: endpoint.appId, endpointId: endpoint.id };
      if (health === "disable" && outcome.failures > 0) {
        const detail = `${percent(about.failureRate)} of ${window.attempts} attempts failed (the rule: ${describeDisableRule(rule)})`;
        const { count } = await db.endpoint.updateMany({
          where: { id: endpoint.id, disabled: false },
          data: { disabled: true, disabledReason: "automatic", disabledAt: now, disabledDetail: detail },
        });
        if (count === 0) continue; // another worker got there first
        await db.delivery.updateMany({ where: { endpointId: endpoint.id, status: "pending" }, data: { status: "paused", nextAttemptAt: null } });
        await emitEndpointDisabled(outcome.orgId, { ...endpoint, disabledAt: now }, "automatic");
        notices.push({ ...base, kind: "endpoint.disabled", title: `Endpoint disabled: ${endpoint.url}`, body: `Pigeon stopped sending to ${endpoint.url}: ${detail}. New messages are kept; re-enable the endpoint and recover them when it works again.`, data: { ...about, reason: "automatic" } });
      } else if (health !== "healthy" && outcome.failures > 0 && !endpoint.failingSince) {
        const { count } = await db.endpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince: now } });
        if (count === 0) continue;
        notices.push({ ...base, kind: "endpoint.failing", title: `Endpoint failing: ${endpoint.url}`, body: `${percent(about.failureRate)} of the last ${window.attempts} attempts to ${endpoint.url} failed. At ${percent(rule.disableRate)} it will be disabled.`, data: about });
      } else if (health === "healthy" && endpoint.failingSince && outcome.attempts > outcome.failures) {
        const { count } = await db.endpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } });
        if (count === 0) continue;
        notices.push({ ...base, kind: "endpoint.recovered", title: `Endpoint recovered: ${endpoint.url}`, body: `${endpoint.url} is answering successfully again.`, data: about });
      }
    }
  }
  for (const notice of notices) await createNotice(notice);
}
