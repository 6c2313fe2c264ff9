// How a worker shares its slots. An endpoint may hold only a few of them at once (its
// in-flight cap: PIGEON_ENDPOINT_MAX_IN_FLIGHT, or the endpoint's own maxInFlight, or one
// probe while its circuit breaker is half-open), and an organization at most
// PIGEON_ORG_MAX_IN_FLIGHT, so a slow or hanging endpoint — or one tenant's backlog —
// leaves the other slots to everyone else. Caps are per worker process: N workers give an
// endpoint up to N times its cap.
//
// A claim skips the endpoints that are full (their rows are not even read as candidates),
// then takes the due candidates in turns: each organization's oldest, then each one's
// second, …, and within an organization each endpoint's in turn.

export interface Candidate {
  id: string;
  endpointId: string;
  orgId: string;
  /** The endpoint's in-flight cap for this worker (circuit-breaker.ts: inFlightCap). */
  cap: number;
}

/** The attempts a worker has in flight, per endpoint and per organization. */
export class InFlight {
  private endpoints = new Map<string, { count: number; cap: number; orgId: string }>();
  private orgs = new Map<string, number>();
  constructor(readonly orgCap: number) {}

  endpoint(id: string): number {
    return this.endpoints.get(id)?.count ?? 0;
  }
  org(id: string): number {
    return this.orgs.get(id) ?? 0;
  }

  add(c: Candidate): void {
    const entry = this.endpoints.get(c.endpointId) ?? { count: 0, cap: c.cap, orgId: c.orgId };
    entry.count += 1;
    entry.cap = c.cap;
    this.endpoints.set(c.endpointId, entry);
    this.orgs.set(c.orgId, this.org(c.orgId) + 1);
  }

  remove(c: { endpointId: string; orgId: string }): void {
    const entry = this.endpoints.get(c.endpointId);
    if (entry && --entry.count === 0) this.endpoints.delete(c.endpointId);
    const org = this.org(c.orgId) - 1;
    if (org > 0) this.orgs.set(c.orgId, org);
    else this.orgs.delete(c.orgId);
  }

  /** Endpoints a claim should not read: at their cap, or of an organization at its cap. */
  full(): string[] {
    const full: string[] = [];
    for (const [id, { count, cap, orgId }] of this.endpoints) if (count >= cap || this.org(orgId) >= this.orgCap) full.push(id);
    return full;
  }
}

/**
 * Which due candidates (oldest first) a claim takes: at most `limit`, none beyond an
 * endpoint's or an organization's room, organizations in turns and, within one, its
 * endpoints in turns.
 */
export function pickFairly<C extends Candidate>(candidates: readonly C[], inFlight: InFlight, limit: number): C[] {
  const turn = new Map<C, { endpoint: number; org: number; order: number }>();
  const perEndpoint = new Map<string, number>();
  candidates.forEach((c, order) => {
    const taken = perEndpoint.get(c.endpointId) ?? 0;
    if (inFlight.endpoint(c.endpointId) + taken >= c.cap) return;
    perEndpoint.set(c.endpointId, taken + 1);
    turn.set(c, { endpoint: taken, org: 0, order });
  });
  const byEndpointTurn = [...turn].sort(([, a], [, b]) => a.endpoint - b.endpoint || a.order - b.order);
  const perOrg = new Map<string, number>();
  const kept: [C, { endpoint: number; org: number; order: number }][] = [];
  for (const [c, t] of byEndpointTurn) {
    const taken = perOrg.get(c.orgId) ?? 0;
    if (inFlight.org(c.orgId) + taken >= inFlight.orgCap) continue;
    perOrg.set(c.orgId, taken + 1);
    kept.push([c, { ...t, org: taken }]);
  }
  return kept
    .sort(([, a], [, b]) => a.org - b.org || a.order - b.order)
    .slice(0, limit)
    .map(([c]) => c);
}
