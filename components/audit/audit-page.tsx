"use client";

import { ScrollText } from "lucide-react";
import { useUrlState } from "@/components/common/use-url-state";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshError } from "@/components/ui/refresh-error";
import { SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { auditActionLabel } from "@/lib/audit/actions";
import { type AuditFilters, type AuditRow, useAuditQuery } from "@/lib/queries/audit";
import { cn } from "@/lib/utils";
import { AuditFiltersBar, NO_AUDIT_FILTERS } from "./audit-filters";
import { AuditSentence } from "./audit-sentence";

const URL_KEYS = ["actor", "action", "since", "until"] as const;

function Actor({ row, onFilter }: { row: AuditRow; onFilter: (actor: string) => void }) {
  const who = row.actorDetail;
  const filterValue = (who.kind === "user" || who.kind === "api_key" ? who.id : null) ?? (who.kind === "portal" ? "portal" : "system");
  return (
    <button
      type="button"
      className="text-left wrap-anywhere text-zinc-900 hover:underline"
      title={`Show only what ${who.email ?? who.name} did`}
      onClick={() => onFilter(filterValue)}
    >
      {who.email ?? who.name}
    </button>
  );
}

function ActionName({ action }: { action: string }) {
  return (
    <div className="min-w-0">
      <span className="block font-medium text-zinc-900">{auditActionLabel(action)}</span>
      <span className="block font-mono text-xs wrap-anywhere text-zinc-500">{action}</span>
    </div>
  );
}

/** The organization's audit log: who did what, when, filtered by person, action and time. */
export function AuditPage() {
  const { values, set } = useUrlState(URL_KEYS);
  const filters: AuditFilters = { actor: values.actor, action: values.action, since: values.since, until: values.until };
  const audit = useAuditQuery(filters);
  const rows = audit.data?.pages.flatMap((page) => page.data) ?? [];
  const filtered = Object.values(filters).some(Boolean);
  const changeFilters = (changes: AuditFilters) => set({ ...filters, ...changes });
  const actorNames = Object.fromEntries(rows.flatMap((r) => (r.actorDetail.id ? [[r.actorDetail.id, r.actorDetail.email ?? r.actorDetail.name]] : [])));

  return (
    <>
      <PageHeader title="Audit log" description="Security-relevant actions in this organization: sign-ins, invitations, role changes, keys and secrets." />
      <Card>
        <AuditFiltersBar filters={filters} onChange={changeFilters} actorNames={actorNames} />
        <RefreshError query={audit} />
        {audit.isError && audit.data === undefined ? (
          <p role="status" className="p-6 text-sm text-red-700">
            {audit.error.message}
          </p>
        ) : !audit.isPending && rows.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={ScrollText}
              title="No entries match these filters"
              action={
                <Button variant="secondary" onClick={() => changeFilters(NO_AUDIT_FILTERS)}>
                  Clear filters
                </Button>
              }
            >
              Try another person, action or time range, or clear the filters to see every entry.
            </EmptyState>
          ) : (
            <EmptyState icon={ScrollText} title="Nothing recorded yet" />
          )
        ) : (
          <div className={cn("transition-opacity", audit.isPlaceholderData && "opacity-60")}>
            <Table className="md:table-fixed">
              <thead>
                <tr>
                  <Th className="hidden w-44 md:table-cell">When</Th>
                  <Th className="hidden w-52 md:table-cell">Who</Th>
                  <Th className="md:w-48">
                    <span className="md:hidden">Entries</span>
                    <span className="hidden md:inline">Action</span>
                  </Th>
                  <Th className="hidden md:table-cell">Details</Th>
                </tr>
              </thead>
              <tbody>
                {audit.isPending ? (
                  <SkeletonRows columns={3} rows={6} />
                ) : (
                  rows.map((row) => (
                    <tr key={row.id} className="align-top" data-audit-action={row.action}>
                      <Td className="hidden align-top text-zinc-500 md:table-cell">
                        <TimeText value={row.createdAt} show="log" className="whitespace-nowrap" />
                        {row.ip ? (
                          <span className="block font-mono text-xs break-all text-zinc-400" title="The address it came from">
                            {row.ip}
                          </span>
                        ) : null}
                      </Td>
                      <Td className="hidden align-top md:table-cell">
                        <Actor row={row} onFilter={(actor) => changeFilters({ actor })} />
                      </Td>
                      <Td className="align-top">
                        <ActionName action={row.action} />
                        {/* At phone width the row's other columns stack under its action. */}
                        <div className="mt-1 space-y-1 md:hidden">
                          <AuditSentence description={row.description} />
                          <p className="text-xs text-zinc-500 wrap-anywhere">
                            <Actor row={row} onFilter={(actor) => changeFilters({ actor })} /> ·{" "}
                            <TimeText value={row.createdAt} show="log" className="whitespace-nowrap" />
                            {row.ip ? <> · {row.ip}</> : null}
                          </p>
                        </div>
                      </Td>
                      <Td className="hidden align-top md:table-cell">
                        <AuditSentence description={row.description} />
                      </Td>
                    </tr>
                  ))
                )}
              </tbody>
            </Table>
          </div>
        )}
      </Card>
      {audit.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
            Load older entries
          </Button>
        </div>
      ) : null}
    </>
  );
}
