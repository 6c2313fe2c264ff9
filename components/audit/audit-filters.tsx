"use client";

import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { isoToLocalInput, localInputToIso } from "@/components/ui/time-text";
import { AUDIT_AREAS, auditActionLabel } from "@/lib/audit/actions";
import type { AuditFilters } from "@/lib/queries/audit";
import { useTeamQuery } from "@/lib/queries/team";

const labelClass = "text-xs font-medium text-zinc-600";

const ACTOR_KINDS: Record<string, string> = { api_key: "Any API key", portal: "Customer portal", system: "System (no person)" };

export const NO_AUDIT_FILTERS: AuditFilters = { actor: undefined, action: undefined, since: undefined, until: undefined };

/** The audit log's filters; every change starts again from the newest entry. */
export function AuditFiltersBar({
  filters,
  onChange,
  actorNames,
}: {
  filters: AuditFilters;
  onChange: (changes: AuditFilters) => void;
  /** Names of actors seen on the page, for an actor that is no longer a member. */
  actorNames: Record<string, string>;
}) {
  const team = useTeamQuery();
  const members = team.data?.members ?? [];
  const active = Object.values(filters).some(Boolean);
  const actor = filters.actor;
  const actorKnown = !actor || actor in ACTOR_KINDS || members.some((m) => m.user.id === actor);
  const action = filters.action;
  const several = action?.includes(",");

  return (
    <div className="space-y-3 border-b border-zinc-100 p-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <label className="space-y-1">
          <span className={labelClass}>Who</span>
          <Select value={actor ?? ""} onChange={(e) => onChange({ actor: e.target.value || undefined })}>
            <option value="">Anyone</option>
            {!actorKnown ? <option value={actor}>{actorNames[actor] ?? actor}</option> : null}
            {members.length ? (
              <optgroup label="Members">
                {members.map((m) => (
                  <option key={m.user.id} value={m.user.id}>
                    {m.user.name ? `${m.user.name} (${m.user.email})` : m.user.email}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label="Other">
              {Object.entries(ACTOR_KINDS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </optgroup>
          </Select>
        </label>
        <label className="space-y-1">
          <span className={labelClass}>Action</span>
          <Select value={action ?? ""} onChange={(e) => onChange({ action: e.target.value || undefined })}>
            <option value="">Any action</option>
            {several ? <option value={action}>{action!.split(",").map(auditActionLabel).join(", ")}</option> : null}
            {AUDIT_AREAS.map((area) => (
              <optgroup key={area.area} label={area.area}>
                {Object.entries(area.actions).map(([name, label]) => (
                  <option key={name} value={name}>
                    {label}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </label>
        <label className="space-y-1">
          <span className={labelClass}>From</span>
          <Input type="datetime-local" value={isoToLocalInput(filters.since)} onChange={(e) => onChange({ since: localInputToIso(e.target.value) })} />
        </label>
        <label className="space-y-1">
          <span className={labelClass}>Until</span>
          <Input type="datetime-local" value={isoToLocalInput(filters.until)} onChange={(e) => onChange({ until: localInputToIso(e.target.value) })} />
        </label>
      </div>
      {active ? (
        <div className="flex justify-end">
          <Button variant="ghost" size="sm" onClick={() => onChange(NO_AUDIT_FILTERS)}>
            <X className="size-4" aria-hidden /> Clear filters
          </Button>
        </div>
      ) : null}
    </div>
  );
}
