"use client";

import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { useEventTypesQuery } from "@/lib/queries/event-types";

/**
 * An event-type filter: suggestions from the catalogue, but any name may be typed (messages
 * can use event types that were never catalogued). It applies on Enter, on leaving the box,
 * or at once when a catalogued name is picked.
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
  const apply = (next: string) => {
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
          setText(e.target.value);
          if (names.includes(e.target.value) || e.target.value === "") apply(e.target.value);
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
