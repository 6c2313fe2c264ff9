"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { MissingResource } from "@/components/common/missing-resource";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { useAppQuery } from "@/lib/queries/apps";
import { useEndpointQuery } from "@/lib/queries/endpoints";
import { EndpointForm } from "./endpoint-form";

function NotAllowed({ appId }: { appId: string }) {
  return (
    <MissingResource
      title="Not available to viewers"
      message="Adding and editing endpoints needs the developer role."
      back={{ href: `/apps/${appId}`, label: "Back to the application" }}
    />
  );
}

/** /apps/{appId}/endpoints/new */
export function NewEndpointPage({ appId }: { appId: string }) {
  const { can } = useConsole();
  const router = useRouter();
  const app = useAppQuery(appId);
  if (!can("developer")) return <NotAllowed appId={appId} />;
  if (app.isError) return <MissingResource title="Application not available" message={app.error.message} back={{ href: "/apps", label: "All applications" }} />;
  return (
    <>
      <Breadcrumbs
        items={[{ label: "Applications", href: "/apps" }, { label: app.data?.name ?? "Application", href: `/apps/${appId}` }, { label: "New endpoint" }]}
      />
      <PageHeader
        title="Add an endpoint"
        description={
          app.data ? (
            <>
              Webhooks of <strong>{app.data.name}</strong> will be sent to this URL, signed with a new secret.
            </>
          ) : null
        }
      />
      <EndpointForm
        appId={appId}
        onCancel={() => router.push(`/apps/${appId}`)}
        onSaved={(endpoint) => {
          toast.success("Endpoint created");
          router.push(`/apps/${appId}/endpoints/${endpoint.id}`);
        }}
      />
    </>
  );
}

/** /apps/{appId}/endpoints/{endpointId}/edit */
export function EditEndpointPage({ appId, endpointId }: { appId: string; endpointId: string }) {
  const { can } = useConsole();
  const router = useRouter();
  const app = useAppQuery(appId);
  const endpoint = useEndpointQuery(appId, endpointId);
  const endpointHref = `/apps/${appId}/endpoints/${endpointId}`;
  if (!can("developer")) return <NotAllowed appId={appId} />;
  if (endpoint.isError)
    return (
      <MissingResource title="Endpoint not available" message={endpoint.error.message} back={{ href: `/apps/${appId}`, label: "Back to the application" }} />
    );
  return (
    <>
      <Breadcrumbs
        items={[
          { label: "Applications", href: "/apps" },
          { label: app.data?.name ?? "Application", href: `/apps/${appId}` },
          { label: "Endpoint", href: endpointHref },
          { label: "Edit" },
        ]}
      />
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
        <div className="h-96 animate-pulse rounded-lg border border-zinc-200 bg-white" aria-label="Loading" />
      )}
    </>
  );
}
