import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { Fragment } from "react";

/** "Applications › Acme › Endpoint": every crumb but the last is a link. */
export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 flex min-w-0 items-center gap-1 text-sm text-zinc-500">
      {items.map((item, i) => (
        <Fragment key={`${i}-${item.label}`}>
          {i > 0 ? <ChevronRight className="size-3.5 shrink-0 text-zinc-400" aria-hidden /> : null}
          {item.href ? (
            <Link href={item.href} className="truncate hover:text-zinc-900 hover:underline">
              {item.label}
            </Link>
          ) : (
            <span aria-current="page" className="truncate text-zinc-700">
              {item.label}
            </span>
          )}
        </Fragment>
      ))}
    </nav>
  );
}
