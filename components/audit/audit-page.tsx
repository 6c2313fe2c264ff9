"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { QueryContent } from "@/components/ui/query-content";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { type AuditRow, useAuditQuery } from "@/lib/queries/audit";

function describe(data: AuditRow["data"]) {
  if (!data || typeof data !== "object" || Array.isArray(data)) return "";
  return Object.entries(data)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

export function AuditPage() {
  const audit = useAuditQuery();
  const rows = audit.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <PageHeader title="Audit log" description="Security-relevant actions in this organization: sign-ins, invitations, role changes, keys and secrets." />
      <Card>
        <QueryContent query={audit} isEmpty={() => rows.length === 0} empty={<EmptyState title="Nothing recorded yet" />}>
          {() => (
            <Table>
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>Action</Th>
                  <Th>Who</Th>
                  <Th>Details</Th>
                  <Th>IP</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <Td className="whitespace-nowrap text-zinc-500">
                      <TimeText value={row.createdAt} show="log" />
                    </Td>
                    <Td className="font-mono text-xs">{row.action}</Td>
                    <Td>{row.actor}</Td>
                    <Td className="text-zinc-600">{describe(row.data)}</Td>
                    <Td className="text-zinc-500">{row.ip}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </QueryContent>
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
