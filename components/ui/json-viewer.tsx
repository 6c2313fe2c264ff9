"use client";

import { ChevronDown, ChevronRight, Download } from "lucide-react";
import { type ReactNode, useMemo, useState } from "react";
import { cn } from "@/lib/utils";
import { Button } from "./button";
import { CopyButton } from "./copy-button";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const INDENT = "pl-4";
// Large documents stay quick to open: a string shows its start, a long list its first
// entries, each with a button for the rest; above LARGE_CHARS only the top level starts open.
const STRING_PREVIEW = 2_000;
const ENTRIES_PAGE = 200;
const LARGE_CHARS = 50_000;

function LongString({ value }: { value: string }) {
  const [all, setAll] = useState(false);
  if (all || value.length <= STRING_PREVIEW) return <span className="break-all text-emerald-700">&quot;{value}&quot;</span>;
  return (
    <span className="break-all text-emerald-700">
      &quot;{value.slice(0, STRING_PREVIEW)}
      <button type="button" onClick={() => setAll(true)} className="mx-1 rounded bg-zinc-200/70 px-1 font-sans text-xs text-zinc-600 hover:bg-zinc-200">
        … {(value.length - STRING_PREVIEW).toLocaleString()} more characters
      </button>
      &quot;
    </span>
  );
}

function Scalar({ value }: { value: Json }) {
  if (value === null) return <span className="text-zinc-400">null</span>;
  if (typeof value === "string") return <LongString value={value} />;
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
  const [shown, setShown] = useState(ENTRIES_PAGE);
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
            {entries.slice(0, shown).map(([key, child], i) => (
              <Node key={key} name={key} value={child} depth={depth + 1} last={i === entries.length - 1} expandDepth={expandDepth} />
            ))}
            {entries.length > shown ? (
              <button
                type="button"
                onClick={() => setShown(shown + ENTRIES_PAGE)}
                className="my-1 ml-4 rounded bg-zinc-200/70 px-1.5 font-sans text-xs text-zinc-600 hover:bg-zinc-200"
              >
                Show {Math.min(ENTRIES_PAGE, entries.length - shown).toLocaleString()} more of {(entries.length - shown).toLocaleString()}
              </button>
            ) : null}
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
 * levels start open; only the top level of a large document), or the raw text. Its height is
 * capped, with a scroll of its own, and the document can be copied or downloaded.
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
  const text = useMemo(() => JSON.stringify(value, null, 2) ?? "null", [value]);
  const large = text.length > LARGE_CHARS;
  const [raw, setRaw] = useState(false);
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.json` });
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className={cn("rounded-md border border-zinc-200 bg-zinc-50", className)}>
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-2 py-1.5">
        <div role="radiogroup" aria-label={`${label} view`} className="inline-flex rounded-md border border-zinc-200 bg-surface p-0.5 text-xs">
          {(["Tree", "Raw"] as const).map((view) => (
            <button
              key={view}
              type="button"
              role="radio"
              aria-checked={raw === (view === "Raw")}
              onClick={() => setRaw(view === "Raw")}
              className={cn("rounded px-2 py-0.5 text-zinc-600", raw === (view === "Raw") && "bg-zinc-100 font-medium text-zinc-900")}
            >
              {view}
            </button>
          ))}
        </div>
        {large ? <span className="text-xs text-zinc-500">{(new Blob([text]).size / 1024).toFixed(0)} kB</span> : null}
        <div className="ml-auto flex gap-2">
          <CopyButton value={text} label="Copy JSON" />
          <Button type="button" variant="secondary" size="sm" onClick={download}>
            <Download className="size-4" aria-hidden /> Download
          </Button>
        </div>
      </div>
      <div role="group" aria-label={label} className="max-h-[32rem] overflow-auto py-3 pr-3 pl-1 font-mono text-[13px] leading-6">
        {raw ? (
          <pre className="pl-3 break-all whitespace-pre-wrap">{text}</pre>
        ) : (
          <Node name={null} value={value as Json} depth={0} last expandDepth={large ? 1 : expandDepth} />
        )}
      </div>
    </div>
  );
}
