import { describe, expect, it } from "vitest";
import { chunkOf, type Lease, WindowLeases, windowEndAt } from "./lease-window";

/** The window row's statement (lease-window.ts's SQL) over one key, in memory; counts the statements. */
function row() {
  let current: { windowEnd: number; used: number } | null = null;
  const state = {
    statements: 0,
    async lease(_key: string, wanted: number, limit: number, windowEnd: number): Promise<Lease> {
      state.statements++;
      if (!current || current.windowEnd < windowEnd) current = { windowEnd, used: 0 };
      const granted = Math.min(wanted, Math.max(0, limit - current.used));
      current.used += granted;
      return { granted, windowEnd: current.windowEnd };
    },
  };
  return state;
}

const unavailable = () => ({ granted: 0, windowEnd: 0 });
function worker(lease: ReturnType<typeof row>["lease"], clock: { now: number }, chunksPerWindow = 10) {
  return new WindowLeases({ lease, now: () => clock.now, chunksPerWindow, unavailable, isUnavailable: () => false });
}

describe("leasing a shared window in chunks", () => {
  it("costs one statement per chunk, not per use", async () => {
    const shared = row();
    const clock = { now: 10_000 };
    const leases = worker(shared.lease, clock);
    for (let i = 0; i < 20; i++) expect(await leases.take("e", 1, 20)).toEqual({ taken: true });
    expect(shared.statements).toBe(10);
    expect(await leases.take("e", 1, 20)).toEqual({ taken: false, windowEnd: 11_000, firstRefusal: true });
    expect(await leases.take("e", 1, 20)).toMatchObject({ taken: false, firstRefusal: false });
    expect(shared.statements).toBe(11);
    expect(leases.spent()).toEqual(new Map([["e", 11_000]]));
  });

  it("leases at least what one use needs, counting what it still holds of the window", async () => {
    const shared = row();
    const clock = { now: 0 };
    const leases = worker(shared.lease, clock);
    expect(await leases.take("e", 1, 20)).toEqual({ taken: true }); // leased 2, holds 1
    expect(await leases.take("e", 5, 20)).toEqual({ taken: true }); // leased 4 more
    expect(shared.statements).toBe(2);
    // A use of more than a whole window counts as the whole window, or it could never go.
    clock.now = 1000;
    expect(await leases.take("e", 50, 20)).toEqual({ taken: true });
    expect(await leases.take("e", 1, 20)).toMatchObject({ taken: false });
  });

  it("starts afresh when the window closes; what a process held dies with it", async () => {
    const shared = row();
    const clock = { now: 500 };
    const leases = worker(shared.lease, clock, 4);
    expect(await leases.take("e", 1, 8)).toEqual({ taken: true }); // holds 1 more
    clock.now = 1000;
    for (let i = 0; i < 8; i++) expect(await leases.take("e", 1, 8)).toEqual({ taken: true });
    expect(await leases.take("e", 1, 8)).toMatchObject({ taken: false, windowEnd: 2000 });
    expect(leases.spent(2000)).toEqual(new Map());
  });

  it("draws from the row's newer window when this process's clock runs behind", async () => {
    const shared = row();
    const ahead = worker(shared.lease, { now: 5_100 });
    const behind = worker(shared.lease, { now: 4_900 });
    for (let i = 0; i < 4; i++) await ahead.take("e", 1, 4);
    expect(await behind.take("e", 1, 4)).toEqual({ taken: false, windowEnd: 6_000, firstRefusal: true });
  });

  it("never grants more than the limit a window to several processes, and leaves at most a chunk each unspent", async () => {
    for (const [limit, workers] of [
      [20, 3],
      [7, 5],
      [1000, 4],
    ] as const) {
      const shared = row();
      const clock = { now: 0 };
      const chunk = chunkOf(limit, 10);
      const processes = Array.from({ length: workers }, () => worker(shared.lease, clock));
      let seed = limit;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let window = 0; window < 20; window++) {
        let spent = 0;
        let refused = 0;
        // Demand from every process, in turns, beyond what the window holds.
        for (let turn = 0; turn < limit * 2; turn++) {
          clock.now = window * 1000 + Math.floor((turn / (limit * 2)) * 1000);
          const units = 1 + Math.floor(random() * 2);
          const taken = await processes[Math.floor(random() * workers)]!.take("e", units, limit);
          if (taken.taken) spent += Math.min(units, limit);
          else refused++;
        }
        expect(refused).toBeGreaterThan(0);
        expect(spent).toBeLessThanOrEqual(limit);
        // Unspent: what processes still held (under a chunk each), and a use of 2 that found 1.
        expect(spent).toBeGreaterThanOrEqual(limit - workers * chunk);
      }
      expect(windowEndAt(clock.now)).toBe(20_000);
    }
  });
});

describe("closing a window early", () => {
  it("spends nothing of a window in its last moments, drops what it holds, and starts afresh with the next", async () => {
    const shared = row();
    const clock = { now: 100 };
    const leases = new WindowLeases({
      lease: shared.lease,
      now: () => clock.now,
      chunksPerWindow: 10,
      unavailable,
      isUnavailable: () => false,
      closeEarlyMs: 100,
    });
    expect(await leases.take("e", 1, 20)).toEqual({ taken: true }); // holds 1 more
    clock.now = 900;
    expect(await leases.take("e", 1, 20)).toEqual({ taken: false, windowEnd: 1000, firstRefusal: true });
    expect(leases.spent()).toEqual(new Map([["e", 1000]]));
    expect(shared.statements).toBe(1);
    clock.now = 1000;
    expect(await leases.take("e", 1, 20)).toEqual({ taken: true });
    expect(leases.spent()).toEqual(new Map());
    // Spent the next window, then in its last moments: no lease for it either.
    for (let i = 0; i < 19; i++) await leases.take("e", 1, 20);
    clock.now = 2950;
    expect(await leases.take("e", 1, 20)).toEqual({ taken: false, windowEnd: 3000, firstRefusal: true });
    expect(shared.statements).toBe(11);
  });
});
