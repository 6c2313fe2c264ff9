import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

/** A titled code sample on a dark ground with a copy button; long lines scroll inside the block, never the page. */
export function CodeBlock({ title, code, children }: { title: string; code: string; children?: ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium">{title}</h3>
        <CopyButton value={code} />
      </div>
      {children ? <div className="mt-1 text-sm text-zinc-600">{children}</div> : null}
      <pre className="mt-2 max-w-full overflow-x-auto rounded-md bg-zinc-900 p-4 font-mono text-xs leading-5 text-zinc-100">{code}</pre>
    </section>
  );
}
