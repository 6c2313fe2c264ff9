"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { type ReactNode, useState } from "react";
import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const INDENT = "pl-4";

function Scalar({ value }: { value: Json }) {
  if (value === null) return <span className="text-zinc-400">null</span>;
  if (typeof value === "string") return <span className="break-all text-emerald-700">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="text-sky-700">{String(value)}</span>;
  return <span className="text-violet-700">{String(value)}</span>;
}

function Key({ name }: { name: string | number | null }) {
  if (name === null) return null;
  return typeof name === "number" ? null : (
    <>
      <span className="text-zinc-800">&quot;{name}&quot;</span>
      <span className="text-zinc-400">: </span>
    </>
  );
}

/** One node: a scalar on its line, or an object/array that folds to `{…} 3 keys`. */
function Node({ name, value, depth, last, expandDepth }: { name: string | number | null; value: Json; depth: number; last: boolean; expandDepth: number }) {
  const container = typeof value === "object" && value !== null;
  const entries: [string | number, Json][] = !container ? [] : Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const [open, setOpen] = useState(depth < expandDepth || entries.length === 0);
  const comma = last ? null : <span className="text-zinc-400">,</span>;
  if (!container) {
    return (
      <div className="pl-4">
        <Key name={name} />
        <Scalar value={value} />
        {comma}
      </div>
    );
  }
  const [openChar, closeChar] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  const summary: ReactNode = `${entries.length} ${Array.isArray(value) ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}`;
  return (
    <div className="relative">
      <div className="flex items-start">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} ${typeof name === "string" ? name : name === null ? "payload" : `item ${name}`}`}
          className="mt-1 mr-0.5 flex size-4 shrink-0 items-center justify-center rounded text-zinc-400 hover:bg-zinc-200 hover:text-zinc-700"
          disabled={entries.length === 0}
        >
          {entries.length === 0 ? null : open ? <ChevronDown className="size-3.5" aria-hidden /> : <ChevronRight className="size-3.5" aria-hidden />}
        </button>
        <div className="min-w-0">
          <Key name={name} />
          <span className="text-zinc-500">{openChar}</span>
          {open ? null : (
            <>
              <button type="button" onClick={() => setOpen(true)} className="mx-1 rounded bg-zinc-200/70 px-1 text-xs text-zinc-600 hover:bg-zinc-200">
                {summary}
              </button>
              <span className="text-zinc-500">{closeChar}</span>
              {comma}
            </>
          )}
        </div>
      </div>
      {open ? (
        <>
          <div className={cn(INDENT, "ml-2 border-l border-zinc-200")}>
            {entries.map(([key, child], i) => (
              <Node key={key} name={key} value={child} depth={depth + 1} last={i === entries.length - 1} expandDepth={expandDepth} />
            ))}
          </div>
          <div className="pl-4">
            <span className="text-zinc-500">{closeChar}</span>
            {comma}
          </div>
        </>
      ) : null}
    </div>
  );
}

/**
 * A read-only JSON tree: objects and arrays fold and unfold (the first `expandDepth`
 * levels start open), and the whole document can be copied as formatted text.
 */
export function JsonViewer({
  value,
  expandDepth = 3,
  label = "JSON",
  className,
}: {
  value: unknown;
  expandDepth?: number;
  label?: string;
  className?: string;
}) {
  const text = JSON.stringify(value, null, 2) ?? "null";
  return (
    <div className={cn("relative rounded-md border border-zinc-200 bg-zinc-50", className)}>
      <div className="absolute top-2 right-2">
        <CopyButton value={text} label="Copy JSON" />
      </div>
      <div role="group" aria-label={label} className="overflow-x-auto py-3 pr-28 pl-1 font-mono text-[13px] leading-6">
        <Node name={null} value={value as Json} depth={0} last expandDepth={expandDepth} />
      </div>
    </div>
  );
}
