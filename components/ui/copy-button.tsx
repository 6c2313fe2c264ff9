"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "./button";

/** Copies to the clipboard with a toast; `copied` is true for a moment afterwards. */
function useCopy(value: string, done: string) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      toast.success(done);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("Could not copy; select the text and copy it by hand");
    }
  };
  return { copied, copy };
}

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const { copied, copy } = useCopy(value, "Copied to the clipboard");
  return (
    <Button type="button" variant="secondary" size="sm" onClick={copy}>
      {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
      {copied ? "Copied" : label}
    </Button>
  );
}

/** A label and an identifier in monospace with a small copy button, e.g. "ID app_2x… ⧉". */
export function CopyableId({ label, value }: { label: string; value: string }) {
  const { copied, copy } = useCopy(value, `${label} copied`);
  return (
    <span className="inline-flex max-w-full items-center gap-1.5 rounded-md border border-zinc-200 bg-surface py-0.5 pr-1 pl-2 text-xs shadow-xs">
      <span className="text-zinc-500">{label}</span>
      <code className="truncate font-mono text-zinc-800">{value}</code>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        title={`Copy ${label}`}
        className="rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
        onClick={copy}
      >
        {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      </button>
    </span>
  );
}
