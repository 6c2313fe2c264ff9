"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/**
 * A page's filters as its query string: read with `values`, changed with `set` (a new
 * history entry, so Back undoes a filter or a page turn). Empty values are dropped.
 */
export function useUrlState<K extends string>(keys: readonly K[]) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = params.toString();
  const values = useMemo(() => {
    const current = new URLSearchParams(query);
    return Object.fromEntries(keys.map((key) => [key, current.get(key) || undefined])) as Partial<Record<K, string>>;
    // keys is a constant list per page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);
  const set = useCallback(
    (changes: Partial<Record<K, string | undefined>>) => {
      const next = new URLSearchParams(query);
      for (const [key, value] of Object.entries(changes) as [K, string | undefined][]) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const text = next.toString();
      router.push(text ? `${pathname}?${text}` : pathname, { scroll: false });
    },
    [query, pathname, router],
  );
  return { values, set };
}
