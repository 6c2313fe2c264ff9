import { PortalEndpointsPage } from "@/components/portal/portal-endpoints-page";

export const metadata = { title: "Endpoints" };

export default async function Page({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return <PortalEndpointsPage appId={appId} />;
}
