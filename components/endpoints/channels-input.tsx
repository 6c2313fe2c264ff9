"use client";

import { type ComponentProps, useState } from "react";
import { Input } from "@/components/ui/input";

const parse = (text: string) => {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length ? [...new Set(names)] : null;
};

/** Channels typed as "a, b, c"; the form holds them as a list (or null for none). */
export function ChannelsInput({
  value,
  onChange,
  ...props
}: Omit<ComponentProps<"input">, "value" | "onChange"> & { value: string[] | null | undefined; onChange: (value: string[] | null) => void }) {
  // The text is kept as typed (a trailing comma included) and only its parse goes to the form.
  const [text, setText] = useState(() => (value ?? []).join(", "));
  return (
    <Input
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}
