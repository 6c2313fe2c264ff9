"use client";

import { Boxes, ChevronRight, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConsole } from "@/components/common/console-context";
import { Button } from "@/components/ui/button";
import { RefreshError } from "@/components/ui/refresh-error";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { rowLink, SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { useAppsQuery } from "@/lib/queries/apps";
import { CreateAppDialog } from "./app-dialogs";

export function AppsPage() {
  const { can } = useConsole();
  const router = useRouter();
  const apps = useAppsQuery();
  const [creating, setCreating] = useState(false);
  const rows = apps.data?.pages.flatMap((page) => page.data) ?? [];
  const developer = can("developer");
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus className="size-4" aria-hidden /> Create application
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Applications"
        description="An application holds the webhook endpoints of one of your customers. Your backend sends messages to an application; Pigeon delivers them to its endpoints."
        actions={developer && rows.length > 0 ? createButton : null}
      />
      <Card>
        <RefreshError query={apps} />
        {apps.isError && apps.data === undefined ? (
          <p className="p-6 text-sm text-red-700" role="alert">
            {apps.error.message}
          </p>
        ) : !apps.isPending && rows.length === 0 ? (
          <EmptyState icon={Boxes} title="Create your first application" action={developer ? createButton : null}>
            <p>
              Create <strong>one application per customer</strong> of yours, with your own customer id as its UID. Then add the URLs where that customer wants
              webhooks (its endpoints) and send messages with <code className="font-mono text-xs whitespace-nowrap">POST /api/v1/app/&#123;app&#125;/msg</code>.
            </p>
            {developer ? null : <p>Developers and admins can create applications.</p>}
          </EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>UID</Th>
                <Th>ID</Th>
                <Th>Created</Th>
                <Th className="w-8">
                  <span className="sr-only">Open</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {apps.isPending ? (
                <SkeletonRows columns={5} />
              ) : (
                rows.map((app) => (
                  <tr key={app.id} {...rowLink(() => router.push(`/apps/${app.id}`))}>
                    <Td className="font-medium">
                      <Link href={`/apps/${app.id}`} className="hover:underline">
                        {app.name}
                      </Link>
                    </Td>
                    <Td className="font-mono text-xs text-zinc-600">{app.uid ?? <span className="text-zinc-400">—</span>}</Td>
                    <Td className="font-mono text-xs text-zinc-500">{app.id}</Td>
                    <Td className="whitespace-nowrap text-zinc-500">
                      <TimeText value={app.createdAt} />
                    </Td>
                    <Td className="text-zinc-400">
                      <ChevronRight className="size-4" aria-hidden />
                    </Td>
                  </tr>
                ))
              )}
            </tbody>
          </Table>
        )}
      </Card>
      {apps.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => apps.fetchNextPage()} disabled={apps.isFetchingNextPage}>
            {apps.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
      {developer ? <CreateAppDialog open={creating} onOpenChange={setCreating} /> : null}
    </>
  );
}
