"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { useEventTypesQuery } from "@/lib/queries/event-types";

const TYPING_PAUSE_MS = 400;

/**
 * An event-type filter: suggestions from the catalogue, but any name may be typed (messages
 * can use event types that were never catalogued). It applies as it is typed (after a short
 * pause), like the other filters, and at once on Enter, on leaving the box, or when a
 * catalogued name is picked.
 */
export function EventTypeFilter({
  value,
  onChange,
  label = "Event type",
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  label?: string;
}) {
  const listId = useId();
  const catalogue = useEventTypesQuery();
  const names = catalogue.data?.map((t) => t.name) ?? [];
  const [text, setText] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  // The URL changed under the box (Back, Clear filters): follow it.
  if (seen !== value) {
    setSeen(value);
    setText(value ?? "");
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const apply = (next: string) => {
    clearTimeout(timer.current);
    const trimmed = next.trim() || undefined;
    if (trimmed !== value) onChange(trimmed);
  };
  return (
    <>
      <Input
        aria-label={label}
        list={listId}
        placeholder="Any event type"
        className="font-mono text-[13px] placeholder:font-sans"
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (names.includes(next) || next === "") apply(next);
          else {
            clearTimeout(timer.current);
            timer.current = setTimeout(() => apply(next), TYPING_PAUSE_MS);
          }
        }}
        onBlur={() => apply(text)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply(text);
          }
        }}
      />
      <datalist id={listId}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
