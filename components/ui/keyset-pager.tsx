"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./button";

/**
 * Previous / Next for a keyset-paged list: no page numbers, only the neighbours of the
 * page on screen. `onPrevious`/`onNext` are null when there is nothing that way.
 */
export function KeysetPager({
  onPrevious,
  onNext,
  onFirst,
  busy = false,
}: {
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
  onFirst?: (() => void) | null;
  busy?: boolean;
}) {
  if (!onPrevious && !onNext) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-end gap-2 border-t border-zinc-100 px-4 py-3">
      {onFirst ? (
        <Button variant="ghost" size="sm" onClick={onFirst} disabled={busy}>
          Newest
        </Button>
      ) : null}
      <Button variant="secondary" size="sm" onClick={onPrevious ?? undefined} disabled={!onPrevious || busy}>
        <ChevronLeft className="size-4" aria-hidden /> Previous
      </Button>
      <Button variant="secondary" size="sm" onClick={onNext ?? undefined} disabled={!onNext || busy}>
        Next <ChevronRight className="size-4" aria-hidden />
      </Button>
    </nav>
  );
}
