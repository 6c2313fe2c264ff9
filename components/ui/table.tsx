import type { ComponentProps, MouseEvent } from "react";
import { cn } from "@/lib/utils";

// `relative`: a column's screen-reader-only label is positioned absolutely; without a
// positioned ancestor inside the scroller it escapes it and widens the whole page.
export const Table = ({ className, ...props }: ComponentProps<"table">) => (
  <div className="relative overflow-x-auto">
    <table className={cn("w-full text-left text-sm", className)} {...props} />
  </div>
);
export const Th = ({ className, ...props }: ComponentProps<"th">) => (
  <th className={cn("border-b border-zinc-200 px-4 py-2.5 text-xs font-medium tracking-wide text-zinc-500 uppercase", className)} {...props} />
);
export const Td = ({ className, ...props }: ComponentProps<"td">) => (
  <td className={cn("border-b border-zinc-100 px-4 py-3 align-middle", className)} {...props} />
);

/** Placeholder rows while a table loads. */
export function SkeletonRows({ columns, rows = 3 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} aria-hidden>
          {Array.from({ length: columns }, (_, c) => (
            <Td key={c}>
              <div className="h-4 animate-pulse rounded bg-zinc-100" style={{ width: `${c === 0 ? 60 : 40}%` }} />
            </Td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** Row click that navigates, unless the click was on a link or button inside the row. */
export function rowLink(go: () => void) {
  return {
    onClick: (event: MouseEvent<HTMLTableRowElement>) => {
      if ((event.target as HTMLElement).closest("a,button,input,label")) return;
      go();
    },
    className: "cursor-pointer transition-colors hover:bg-zinc-50",
  };
}
