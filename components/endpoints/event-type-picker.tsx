"use client";

import { Plus, Search } from "lucide-react";
import Link from "next/link";
import { type ReactNode, useId, useMemo, useState } from "react";
import { useAppScope } from "@/components/common/app-scope";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ZEventTypeName } from "@/lib/endpoints/schemas";
import { type EventType, useEventTypesQuery } from "@/lib/queries/event-types";
import { cn } from "@/lib/utils";

/** Groups the catalogue by groupName, ungrouped first, each group sorted by name. */
function groupCatalogue(rows: EventType[]) {
  const groups = new Map<string, EventType[]>();
  for (const row of [...rows].sort((a, b) => a.name.localeCompare(b.name))) {
    const key = row.groupName ?? "";
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
}

/**
 * The endpoint's event-type filter: checkboxes from the catalogue, plus names typed by hand
 * (a message may use an event type that is not catalogued). No choice means all event types.
 */
export function EventTypePicker({
  value,
  onChange,
  disabled,
  invalid,
  labelledBy,
}: {
  value: string[] | null | undefined;
  onChange: (value: string[] | null) => void;
  disabled?: boolean;
  invalid?: boolean;
  labelledBy?: string;
}) {
  const id = useId();
  const scope = useAppScope();
  const catalogue = useEventTypesQuery();
  const [search, setSearch] = useState("");
  const [typed, setTyped] = useState("");
  const [typedError, setTypedError] = useState<string | null>(null);
  const selected = useMemo(() => value ?? [], [value]);
  const known = useMemo(() => new Set((catalogue.data ?? []).map((row) => row.name)), [catalogue.data]);
  const uncatalogued = selected.filter((name) => !known.has(name));
  const term = search.trim().toLowerCase();
  const shown = (catalogue.data ?? []).filter(
    (row) => !term || row.name.toLowerCase().includes(term) || row.description.toLowerCase().includes(term) || row.groupName?.toLowerCase().includes(term),
  );

  const set = (names: string[]) => onChange(names.length ? names : null);
  const toggle = (name: string, on: boolean) => set(on ? [...selected.filter((n) => n !== name), name] : selected.filter((n) => n !== name));
  const addTyped = () => {
    const name = typed.trim();
    const parsed = ZEventTypeName.safeParse(name);
    if (!parsed.success) {
      setTypedError(`Event type name ${parsed.error.issues[0]?.message ?? "is not valid"}`);
      return;
    }
    if (!selected.includes(name)) set([...selected, name]);
    setTyped("");
    setTypedError(null);
  };

  const checkbox = (name: string, description: string | null, extra?: ReactNode, below?: ReactNode) => {
    const inputId = `${id}-${name}`;
    const checked = selected.includes(name);
    return (
      <li key={name} className={cn("flex items-start gap-3 rounded-md px-2 py-1.5", !disabled && "hover:bg-zinc-50")}>
        <input
          id={inputId}
          type="checkbox"
          className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-brand-600"
          checked={checked}
          disabled={disabled}
          onChange={(e) => toggle(name, e.target.checked)}
          aria-describedby={description ? `${inputId}-description` : undefined}
        />
        <div className="min-w-0 flex-1">
          <label htmlFor={inputId} className="font-mono text-[13px] break-all text-zinc-900">
            {name}
          </label>
          {extra}
          {description ? (
            <p id={`${inputId}-description`} className="text-xs text-zinc-500">
              {description}
            </p>
          ) : null}
          {below}
        </div>
      </li>
    );
  };

  return (
    <div role="group" aria-labelledby={labelledBy} className={cn("rounded-md border bg-surface shadow-sm", invalid ? "border-red-500" : "border-zinc-300")}>
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-3 py-2 text-sm">
        {selected.length === 0 ? (
          <span className="text-zinc-700">
            <span className="font-medium">All event types</span>
            <span className="text-zinc-500"> · choose some to receive only those</span>
          </span>
        ) : (
          <span className="text-zinc-700">
            <span className="font-medium">{selected.length} selected</span>
            <span className="text-zinc-500"> · only these are sent</span>
          </span>
        )}
        {selected.length && !disabled ? (
          <Button type="button" variant="ghost" size="sm" className="h-7 px-2" onClick={() => set([])}>
            Clear
          </Button>
        ) : null}
      </div>

      {(catalogue.data?.length ?? 0) > 8 ? (
        <div className="relative border-b border-zinc-200 px-3 py-2">
          <Search className="pointer-events-none absolute top-1/2 left-5 size-4 -translate-y-1/2 text-zinc-400" aria-hidden />
          <Input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search the catalogue"
            aria-label="Search event types"
            className="pl-8"
          />
        </div>
      ) : null}

      <div className="max-h-64 overflow-y-auto p-1.5">
        {catalogue.isPending ? (
          <p className="px-2 py-2 text-sm text-zinc-500">Loading the catalogue…</p>
        ) : catalogue.isError ? (
          <p className="px-2 py-2 text-sm text-red-700">{catalogue.error.message}</p>
        ) : (
          <>
            {uncatalogued.length ? (
              <ul>
                {uncatalogued.map((name) =>
                  checkbox(
                    name,
                    null,
                    <Badge tone="warning" className="ml-2 align-middle">
                      not in the catalogue
                    </Badge>,
                  ),
                )}
              </ul>
            ) : null}
            {catalogue.data.length === 0 ? (
              <p className="px-2 py-2 text-sm text-zinc-500">
                The catalogue is empty.{" "}
                {scope.access.manageEventTypes ? (
                  <>
                    <Link href={scope.eventTypesHref} className="font-medium text-brand-700 hover:underline">
                      Add event types
                    </Link>
                    , or type a name below.
                  </>
                ) : (
                  "Type a name below."
                )}
              </p>
            ) : shown.length === 0 ? (
              <p className="px-2 py-2 text-sm text-zinc-500">No event type matches “{search}”.</p>
            ) : (
              groupCatalogue(shown).map(([group, rows]) => (
                <div key={group || "-"}>
                  {group ? <p className="px-2 pt-2 pb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">{group}</p> : null}
                  <ul>
                    {rows.map((row) =>
                      checkbox(
                        row.name,
                        row.description || null,
                        row.deprecated ? (
                          <Badge tone="warning" className="ml-2 align-middle">
                            deprecated
                          </Badge>
                        ) : null,
                        row.example !== null && row.example !== undefined ? <ExamplePeek name={row.name} example={row.example} /> : null,
                      ),
                    )}
                  </ul>
                </div>
              ))
            )}
          </>
        )}
      </div>

      {disabled ? null : (
        <div className="border-t border-zinc-200 px-3 py-2">
          <div className="flex items-center gap-2">
            <Input
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                setTypedError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  addTyped();
                }
              }}
              placeholder="Another event type, e.g. invoice.paid"
              aria-label="Add an event type by name"
              aria-invalid={!!typedError}
              className="font-mono text-[13px]"
            />
            <Button type="button" variant="secondary" size="sm" onClick={addTyped} disabled={!typed.trim()}>
              <Plus className="size-4" aria-hidden /> Add
            </Button>
          </div>
          {typedError ? <p className="mt-1 text-sm text-red-700">{typedError}</p> : null}
        </div>
      )}
    </div>
  );
}

/** A short, readable summary of an endpoint's filter, e.g. "user.created, invoice.paid +2". */
/** The event type's example payload, folded, so whoever subscribes knows what will arrive. */
function ExamplePeek({ name, example }: { name: string; example: unknown }) {
  return (
    <details className="group mt-0.5">
      <summary className="cursor-pointer text-xs text-brand-700 select-none hover:underline">Example payload</summary>
      <pre
        aria-label={`Example payload of ${name}`}
        className="mt-1 max-h-48 overflow-auto rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-[11px] leading-relaxed text-zinc-800"
      >
        {JSON.stringify(example, null, 2)}
      </pre>
    </details>
  );
}

export function EventTypesSummary({ eventTypes, max = 2 }: { eventTypes: string[] | null; max?: number }) {
  if (!eventTypes?.length) return <span className="text-zinc-500">All event types</span>;
  const head = eventTypes.slice(0, max);
  const more = eventTypes.length - head.length;
  return (
    <span className="inline-flex flex-wrap items-center gap-1" title={eventTypes.join(", ")}>
      {head.map((name) => (
        <Badge key={name} className="font-mono">
          {name}
        </Badge>
      ))}
      {more > 0 ? <span className="text-xs text-zinc-500">+{more} more</span> : null}
    </span>
  );
}
