"use client";

import { Search, X } from "lucide-react";
import { type FormEvent, useState } from "react";
import { DELIVERY_STATE_TEXT, LOG_STATUS_STATE } from "@/components/common/delivery-state";
import { endpointName } from "@/components/common/endpoint-name";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { isoToLocalInput, localInputToIso } from "@/components/ui/time-text";
import { useEndpointsQuery } from "@/lib/queries/endpoints";
import type { LogStatus, MessageLogFilters } from "@/lib/queries/messages";
import { EventTypeFilter } from "./event-type-filter";

// The log's filters, in the words its badges and an endpoint's counters use.
export const LOG_STATUS_LABELS = Object.fromEntries(
  (Object.keys(LOG_STATUS_STATE) as LogStatus[]).map((status) => [status, DELIVERY_STATE_TEXT[LOG_STATUS_STATE[status]].label]),
) as Record<LogStatus, string>;

type Filters = Omit<MessageLogFilters, "iterator" | "limit">;

/** Every filter cleared. */
export const NO_LOG_FILTERS: Filters = {
  status: undefined,
  eventType: undefined,
  endpointId: undefined,
  after: undefined,
  before: undefined,
  q: undefined,
  payload: undefined,
};
type SearchMode = "id" | "payload";

const labelClass = "text-xs font-medium text-zinc-600";

/** The message log's filters; every change starts again from the newest page. */
export function MessageLogFiltersBar({ appId, filters, onChange }: { appId: string; filters: Filters; onChange: (changes: Filters) => void }) {
  const endpoints = useEndpointsQuery(appId);
  // One box, two searches: a message by its id or event id (exact), or messages by a value in their payload.
  const [mode, setMode] = useState<SearchMode>(filters.payload ? "payload" : "id");
  const current = filters.payload ?? filters.q;
  const [search, setSearch] = useState(current ?? "");
  const [seen, setSeen] = useState(current);
  // Back/forward changes the URL under the box: follow it.
  if (seen !== current) {
    setSeen(current);
    setSearch(current ?? "");
    if (current) setMode(filters.payload ? "payload" : "id");
  }
  const endpointRows = endpoints.data?.pages.flatMap((p) => p.data) ?? [];
  const active = Object.values(filters).some(Boolean);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    const value = search.trim() || undefined;
    onChange(mode === "payload" ? { payload: value, q: undefined } : { q: value, payload: undefined });
  };

  return (
    <div className="space-y-3 border-b border-zinc-100 p-4">
      <form role="search" onSubmit={submitSearch} className="flex flex-wrap gap-2">
        <Select aria-label="Search by" className="w-full sm:w-44" value={mode} onChange={(e) => setMode(e.target.value as SearchMode)}>
          <option value="id">Message or event ID</option>
          <option value="payload">Value in payload</option>
        </Select>
        <div className="relative min-w-0 flex-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" aria-hidden />
          <Input
            aria-label={mode === "payload" ? "Search by a value in the payload" : "Search by message ID or event ID"}
            placeholder={mode === "payload" ? "A value anywhere in the payload, e.g. ord_1234" : "Find a message by its ID (msg_…) or event ID"}
            className="pl-9 font-mono text-[13px] placeholder:font-sans"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            spellCheck={false}
          />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {mode === "payload" ? (
        <p className="text-xs text-zinc-500">
          Finds messages whose payload holds this exact string or number, at any depth, within From–Until (the last 24 hours unless set; at most 7 days).
        </p>
      ) : null}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <label className="space-y-1">
          <span className={labelClass}>Status</span>
          <Select value={filters.status ?? ""} onChange={(e) => onChange({ status: (e.target.value || undefined) as LogStatus | undefined })}>
            <option value="">Any status</option>
            {(Object.keys(LOG_STATUS_LABELS) as LogStatus[]).map((s) => (
              <option key={s} value={s}>
                {LOG_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </label>
        <label className="space-y-1">
          <span className={labelClass}>Event type</span>
          <EventTypeFilter value={filters.eventType} onChange={(eventType) => onChange({ eventType })} />
        </label>
        <label className="space-y-1">
          <span className={labelClass}>Endpoint</span>
          <Select value={filters.endpointId ?? ""} onChange={(e) => onChange({ endpointId: e.target.value || undefined })}>
            <option value="">Any endpoint</option>
            {filters.endpointId && !endpointRows.some((ep) => ep.id === filters.endpointId) ? (
              <option value={filters.endpointId}>{filters.endpointId}</option>
            ) : null}
            {endpointRows.map((ep) => (
              <option key={ep.id} value={ep.id}>
                {endpointName(ep)}
              </option>
            ))}
          </Select>
        </label>
        <label className="space-y-1">
          <span className={labelClass}>From</span>
          <Input type="datetime-local" value={isoToLocalInput(filters.after)} onChange={(e) => onChange({ after: localInputToIso(e.target.value) })} />
        </label>
        <label className="space-y-1">
          <span className={labelClass}>Until</span>
          <Input type="datetime-local" value={isoToLocalInput(filters.before)} onChange={(e) => onChange({ before: localInputToIso(e.target.value) })} />
        </label>
      </div>
      {active ? (
        <div className="flex justify-end">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setSearch("");
              onChange(NO_LOG_FILTERS);
            }}
          >
            <X className="size-4" aria-hidden /> Clear filters
          </Button>
        </div>
      ) : null}
    </div>
  );
}
