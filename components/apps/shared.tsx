"use client";

import { format, formatDistanceToNow } from "date-fns";
import { Check, ChevronRight, Copy, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { Fragment, type MouseEvent, type ReactNode, useState } from "react";
import { toast } from "sonner";
import { Td } from "@/components/ui/table";

/** "Applications › Acme › Endpoint": every crumb but the last is a link. */
export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 flex min-w-0 items-center gap-1 text-sm text-zinc-500">
      {items.map((item, i) => (
        <Fragment key={`${i}-${item.label}`}>
          {i > 0 ? <ChevronRight className="size-3.5 shrink-0 text-zinc-400" aria-hidden /> : null}
          {item.href ? (
            <Link href={item.href} className="truncate hover:text-zinc-900 hover:underline">{item.label}</Link>
          ) : (
            <span aria-current="page" className="truncate text-zinc-700">{item.label}</span>
          )}
        </Fragment>
      ))}
    </nav>
  );
}

/** A label and an identifier in monospace with a small copy button, e.g. "ID app_2x… ⧉". */
export function CopyableId({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex max-w-full items-center gap-1.5 rounded-md border border-zinc-200 bg-white py-0.5 pr-1 pl-2 text-xs shadow-xs">
      <span className="text-zinc-500">{label}</span>
      <code className="truncate font-mono text-zinc-800">{value}</code>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        title={`Copy ${label}`}
        className="rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            toast.success(`${label} copied`);
            setTimeout(() => setCopied(false), 1500);
          } catch {
            toast.error("Could not copy; select the text and copy it by hand");
          }
        }}
      >
        {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      </button>
    </span>
  );
}

/** A date as "Mar 3, 2025", the exact time on hover. */
export function DateText({ value, relative = false }: { value: string | null | undefined; relative?: boolean }) {
  if (!value) return <span className="text-zinc-400">—</span>;
  const date = new Date(value);
  return (
    <time dateTime={value} title={format(date, "PPpp")}>
      {relative ? formatDistanceToNow(date, { addSuffix: true }) : format(date, "MMM d, yyyy")}
    </time>
  );
}

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

/** An empty state with an icon above its title, for a page's first-run moment. */
export function IconEmptyState({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <span className="mb-2 flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        <Icon className="size-6" aria-hidden />
      </span>
      <p className="font-medium text-zinc-900">{title}</p>
      {children ? <div className="max-w-md space-y-2 text-sm text-zinc-600">{children}</div> : null}
      {action ? <div className="mt-3">{action}</div> : null}
    </div>
  );
}
