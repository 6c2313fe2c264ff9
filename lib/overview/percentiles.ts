/** The q-quantile (0 ≤ q ≤ 1) of `values` by the nearest-rank method; null when there are none. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * How many of each group to read for a sample of about `total`, in proportion to the
 * groups' counts (at least one each, never more than a group has).
 */
export function sampleQuotas(groups: readonly { id: string; count: number }[], total: number): { id: string; take: number }[] {
  const sum = groups.reduce((s, g) => s + g.count, 0);
  if (sum === 0) return [];
  return groups.map((g) => ({ id: g.id, take: Math.min(g.count, Math.max(1, Math.round((g.count / sum) * total))) }));
}
