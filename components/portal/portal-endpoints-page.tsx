"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useAppScope } from "@/components/common/app-scope";
import { AppDisabledBanner } from "@/components/endpoints/disabled-banner";
import { EndpointsTable } from "@/components/endpoints/endpoints-table";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The portal's home: the endpoints webhooks are sent to. */
export function PortalEndpointsPage({ appId }: { appId: string }) {
  const router = useRouter();
  const { access, appHref } = useAppScope();
  const add = access.manageEndpoint ? () => router.push(`${appHref(appId)}/endpoints/new`) : null;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Endpoints</h1>
          <p className="mt-1 max-w-2xl text-sm text-zinc-600">Where your webhooks are sent, each with its own signing secret and choice of events.</p>
        </div>
        {add ? (
          <Button onClick={add}>
            <Plus className="size-4" aria-hidden /> Add endpoint
          </Button>
        ) : null}
      </div>
      <AppDisabledBanner appId={appId} />
      <Card>
        <EndpointsTable appId={appId} onAdd={add} />
      </Card>
    </>
  );
}
