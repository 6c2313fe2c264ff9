import { EndpointPage } from "@/components/endpoints/endpoint-page";

export const metadata = { title: "Endpoint" };

export default async function Page({ params }: { params: Promise<{ appId: string; endpointId: string }> }) {
  const { appId, endpointId } = await params;
  return <EndpointPage appId={appId} endpointId={endpointId} />;
}
