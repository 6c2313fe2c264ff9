"use client";

import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { MissingResource } from "@/components/common/missing-resource";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { useAppQuery } from "@/lib/queries/apps";
import { useEndpointQuery } from "@/lib/queries/endpoints";
import { EndpointForm } from "./endpoint-form";
import { OneTimeToken } from "./one-time-token";
import { PollingSamples } from "./polling-samples";

function NotAllowed({ appId }: { appId: string }) {
  const scope = useAppScope();
  return (
    <MissingResource
      title={scope.kind === "portal" ? "Not available with this link" : "Not available to viewers"}
      message={scope.kind === "portal" ? "This link does not allow adding or editing endpoints." : "Adding and editing endpoints needs the developer role."}
      back={{ href: scope.appHref(appId), label: scope.kind === "portal" ? "Back to the endpoints" : "Back to the application" }}
    />
  );
}

/** A new polling endpoint's token, shown this once, and how its consumers read it. */
function PollingEndpointCreated({ appId, endpointId, token }: { appId: string; endpointId: string; token: string }) {
  const { appHref } = useAppScope();
  return (
    <div className="space-y-6">
      <Card className="p-5 sm:p-6">
        <h2 className="font-semibold">Its token</h2>
        <p className="mt-1 mb-4 text-sm text-zinc-600">Consumers send this token to read the endpoint&apos;s messages; it can read nothing else.</p>
        <OneTimeToken token={token} />
      </Card>
      <Card className="p-5 sm:p-6">
        <h2 className="mb-4 font-semibold">Read it</h2>
        <PollingSamples appId={appId} endpointId={endpointId} />
      </Card>
      <div className="flex justify-end">
        <Button asChild>
          <Link href={`${appHref(appId)}/endpoints/${endpointId}`}>
            Go to the endpoint <ArrowRight className="size-4" aria-hidden />
          </Link>
        </Button>
      </div>
    </div>
  );
}

/** /apps/{appId}/endpoints/new (and the portal's) */
export function NewEndpointPage({ appId }: { appId: string }) {
  const scope = useAppScope();
  const appHref = scope.appHref(appId);
  const router = useRouter();
  const app = useAppQuery(appId);
  // A polling endpoint's answer carries its token; it lives only in this state, so leaving the page forgets it.
  const [created, setCreated] = useState<{ id: string; token: string } | null>(null);
  if (!scope.access.manageEndpoint) return <NotAllowed appId={appId} />;
  if (app.isError) return <MissingResource title="Application not available" message={app.error.message} back={{ href: "/apps", label: "All applications" }} />;
  return (
    <>
      <Breadcrumbs items={[...scope.appCrumbs(appId, app.data?.name), { label: "New endpoint" }]} />
      {created ? (
        <>
          <PageHeader title="Polling endpoint created" description="Copy its token now: it is shown only this once." />
          <PollingEndpointCreated appId={appId} endpointId={created.id} token={created.token} />
        </>
      ) : (
        <>
          <PageHeader
            title="Add an endpoint"
            description={
              scope.kind === "portal" ? (
                "Webhooks are sent to a URL you give, or wait for your consumers to read them, signed with a new secret."
              ) : app.data ? (
                <>
                  Messages of <strong>{app.data.name}</strong> are sent to a URL you give, or wait for your consumers to read them, signed with a new secret.
                </>
              ) : null
            }
          />
          <EndpointForm
            appId={appId}
            onCancel={() => router.push(appHref)}
            onSaved={(endpoint) => {
              toast.success("Endpoint created");
              if (endpoint.token) setCreated({ id: endpoint.id, token: endpoint.token });
              else router.push(`${appHref}/endpoints/${endpoint.id}`);
            }}
          />
        </>
      )}
    </>
  );
}

/** /apps/{appId}/endpoints/{endpointId}/edit (and the portal's) */
export function EditEndpointPage({ appId, endpointId }: { appId: string; endpointId: string }) {
  const scope = useAppScope();
  const router = useRouter();
  const app = useAppQuery(appId);
  const endpoint = useEndpointQuery(appId, endpointId);
  const endpointHref = `${scope.appHref(appId)}/endpoints/${endpointId}`;
  if (!scope.access.manageEndpoint) return <NotAllowed appId={appId} />;
  if (endpoint.isError)
    return (
      <MissingResource
        title="Endpoint not available"
        message={endpoint.error.message}
        back={{ href: scope.appHref(appId), label: "Back to the application" }}
      />
    );
  return (
    <>
      <Breadcrumbs items={[...scope.appCrumbs(appId, app.data?.name), { label: "Endpoint", href: endpointHref }, { label: "Edit" }]} />
      <PageHeader title="Edit endpoint" />
      {/* The form starts from the server's record, not the list's copy shown while it loads. */}
      {endpoint.data && !endpoint.isPlaceholderData ? (
        <EndpointForm
          appId={appId}
          endpoint={endpoint.data}
          onCancel={() => router.push(endpointHref)}
          onSaved={() => {
            toast.success("Endpoint saved");
            router.push(endpointHref);
          }}
        />
      ) : (
        <div className="h-96 animate-pulse rounded-lg border border-zinc-200 bg-surface" aria-label="Loading" />
      )}
    </>
  );
}
