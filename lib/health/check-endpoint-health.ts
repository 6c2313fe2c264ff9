import { db, type Endpoint } from "@/lib/db";
import { disableEndpoint } from "@/lib/endpoints/disable-endpoint";
import { createNotice, type NewNotice } from "@/lib/notices/create-notice";
import type { DisableRule } from "@/lib/settings/resolve-settings";
import { describeDisableRule, evaluateEndpointHealth, formatWindow } from "./disable-rule";

export interface EndpointOutcome {
  /** As the engine last loaded it: its flags may be a claim old (they are read again before they are acted on). */
  endpoint: Pick<Endpoint, "id" | "appId" | "uid" | "url" | "failingSince" | "disablingSince" | "reenabledAt" | "lastDisabledAt">;
  orgId: string;
  /** The rule of the endpoint's application and organization (resolveSettings). */
  rule: DisableRule;
  /** What the attempts just recorded did. */
  attempts: number;
  failures: number;
}

const percent = (rate: number) => `${Number((rate * 100).toFixed(1))} %`;

/** Attempts and failures of each endpoint over its trailing window, from the per-minute counters. */
async function windowCounts(endpointIds: string[], windowSeconds: number, now: Date): Promise<Map<string, { attempts: number; failures: number }>> {
  // The current minute is partly inside the window; whole older minutes count when they start inside it.
  const from = new Date(Math.floor((now.getTime() - windowSeconds * 1000) / 60_000) * 60_000 + 60_000);
  const rows = await db.endpointStat.groupBy({
    by: ["endpointId"],
    where: { endpointId: { in: endpointIds }, minute: { gte: from } },
    _sum: { attempts: true, failures: true },
  });
  return new Map(rows.map((r) => [r.endpointId, { attempts: r._sum.attempts ?? 0, failures: r._sum.failures ?? 0 }]));
}

/**
 * Applies the disable rule to the endpoints a batch of attempts just touched. The rule's
 * condition (enough attempts, enough of them failed, in the window) must hold for its
 * minimum duration before the endpoint is disabled: its start is kept in disablingSince,
 * cleared as soon as it stops holding, so a burst of failures from an endpoint that then
 * recovers (a cold start, a deploy) never disables it. Below the condition, an endpoint
 * failing at the early-warning share is flagged, and marked recovered when it succeeds
 * again — each change with a notice.
 */
export async function checkEndpointHealth(all: EndpointOutcome[], now = new Date()): Promise<void> {
  // Only failures can start the clocks, and only a flagged endpoint can recover: a batch of
  // successes to healthy endpoints (the usual case) costs no query. The engine's copy of the
  // flags is at most a claim old (changing them changes updatedAt, which every claim reads).
  const outcomes = all.filter((o) => o.failures > 0 || o.endpoint.failingSince || o.endpoint.disablingSince);
  if (outcomes.length === 0) return;
  // The flags as they are now, not as a cached endpoint had them when its attempts began.
  const rows = await db.endpoint.findMany({
    where: { id: { in: outcomes.map((o) => o.endpoint.id) } },
    select: { id: true, disabled: true, failingSince: true, disablingSince: true },
  });
  const current = new Map(rows.map((row) => [row.id, row]));
  const byWindow = new Map<number, EndpointOutcome[]>();
  for (const outcome of outcomes) {
    const flags = current.get(outcome.endpoint.id);
    // Only failures can start the clocks, and only a flagged endpoint can recover.
    if (!flags || flags.disabled || (outcome.failures === 0 && !flags.failingSince && !flags.disablingSince)) continue;
    byWindow.set(outcome.rule.windowSeconds, [...(byWindow.get(outcome.rule.windowSeconds) ?? []), outcome]);
  }
  const notices: NewNotice[] = [];
  for (const [windowSeconds, group] of byWindow) {
    const counts = await windowCounts(
      group.map((o) => o.endpoint.id),
      windowSeconds,
      now,
    );
    for (const { endpoint, orgId, rule, attempts, failures } of group) {
      const flags = current.get(endpoint.id)!;
      const window = counts.get(endpoint.id) ?? { attempts: 0, failures: 0 };
      const health = evaluateEndpointHealth({ ...window, ...rule });
      const about = {
        attempts: window.attempts,
        failures: window.failures,
        failureRate: window.attempts ? window.failures / window.attempts : 0,
        windowSeconds,
      };
      const base = { orgId, appId: endpoint.appId, endpointId: endpoint.id };

      if (health === "disable") {
        const since = flags.disablingSince ?? now;
        if (!flags.disablingSince) await db.endpoint.updateMany({ where: { id: endpoint.id, disablingSince: null }, data: { disablingSince: now } });
        if (failures > 0 && now.getTime() - since.getTime() >= rule.minDurationSeconds * 1000) {
          const lasted = rule.minDurationSeconds > 0 ? `, for ${formatWindow(Math.round((now.getTime() - since.getTime()) / 1000))}` : "";
          const detail = `${percent(about.failureRate)} of ${window.attempts} attempts failed${lasted} (the rule: ${describeDisableRule(rule)})`;
          await disableEndpoint({ ...endpoint, orgId }, "automatic", detail, now);
          continue;
        }
      } else if (flags.disablingSince) {
        await db.endpoint.updateMany({ where: { id: endpoint.id, disablingSince: { not: null } }, data: { disablingSince: null } });
      }

      if (health !== "healthy" && failures > 0 && !flags.failingSince) {
        const { count } = await db.endpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince: now } });
        if (count === 0) continue;
        const lasting = rule.minDurationSeconds > 0 ? ` for ${formatWindow(rule.minDurationSeconds)}` : "";
        notices.push({
          ...base,
          kind: "endpoint.failing",
          title: `Endpoint failing: ${endpoint.url}`,
          body: `${percent(about.failureRate)} of the last ${window.attempts} attempts to ${endpoint.url} failed. At ${percent(rule.disableRate)}${lasting} it will be disabled.`,
          data: about,
        });
      } else if (health === "healthy" && flags.failingSince && attempts > failures) {
        const { count } = await db.endpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } });
        if (count === 0) continue;
        notices.push({
          ...base,
          kind: "endpoint.recovered",
          title: `Endpoint recovered: ${endpoint.url}`,
          body: `${endpoint.url} is answering successfully again.`,
          data: about,
        });
      }
    }
  }
  for (const notice of notices) await createNotice(notice);
}
