// How a worker shares its slots. An endpoint may hold only a few of them at once (its
// in-flight cap: PIGEON_ENDPOINT_MAX_IN_FLIGHT, or the endpoint's own maxInFlight, or one
// probe while its circuit breaker is half-open), and an organization at most
// PIGEON_ORG_MAX_IN_FLIGHT, so a slow or hanging endpoint — or one tenant's backlog —
// leaves the other slots to everyone else. Caps are per worker process: N workers give an
// endpoint up to N times its cap.
//
// A claim (store/claim.ts, in SQL) skips the endpoints that are full (their rows are not
// even read), then takes the due rows at the head of the queue in turns: each
// organization's oldest, then each one's second, …, and within an organization each
// endpoint's in turn — none beyond an endpoint's or an organization's room. An endpoint
// out of throttle tokens for this window (throttle.ts) has no room until the next.

export interface Candidate {
  id: string;
  endpointId: string;
  orgId: string;
  /** The endpoint's in-flight cap for this worker (circuit-breaker.ts: inFlightCap). */
  cap: number;
}

/** The attempts a worker has in flight, per endpoint and per organization. */
export class InFlight {
  private byEndpoint = new Map<string, { count: number; cap: number; orgId: string }>();
  private byOrg = new Map<string, number>();
  /** `waiting`: endpoints with no room for now whatever their count (out of throttle tokens). */
  constructor(
    readonly orgCap: number,
    private readonly waiting: () => Iterable<string> = () => [],
  ) {}

  endpoint(id: string): number {
    return this.byEndpoint.get(id)?.count ?? 0;
  }
  org(id: string): number {
    return this.byOrg.get(id) ?? 0;
  }

  add(c: Candidate): void {
    const entry = this.byEndpoint.get(c.endpointId) ?? { count: 0, cap: c.cap, orgId: c.orgId };
    entry.count += 1;
    entry.cap = c.cap;
    this.byEndpoint.set(c.endpointId, entry);
    this.byOrg.set(c.orgId, this.org(c.orgId) + 1);
  }

  remove(c: { endpointId: string; orgId: string }): void {
    const entry = this.byEndpoint.get(c.endpointId);
    if (entry && --entry.count === 0) this.byEndpoint.delete(c.endpointId);
    const org = this.org(c.orgId) - 1;
    if (org > 0) this.byOrg.set(c.orgId, org);
    else this.byOrg.delete(c.orgId);
  }

  /** Attempts in flight per endpoint, for the claim's rooms. */
  endpoints(): Record<string, number> {
    return Object.fromEntries([...this.byEndpoint].map(([id, { count }]) => [id, count]));
  }
  /** Attempts in flight per organization. */
  orgs(): Record<string, number> {
    return Object.fromEntries(this.byOrg);
  }

  /** Endpoints a claim should not read: at their cap, of an organization at its cap, or waiting. */
  full(): string[] {
    const full = new Set(this.waiting());
    for (const [id, { count, cap, orgId }] of this.byEndpoint) if (count >= cap || this.org(orgId) >= this.orgCap) full.add(id);
    return [...full];
  }
}
