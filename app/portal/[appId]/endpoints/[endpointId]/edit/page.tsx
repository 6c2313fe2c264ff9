import { EditEndpointPage } from "@/components/endpoints/endpoint-form-page";

export const metadata = { title: "Edit endpoint" };

export default async function Page({ params }: { params: Promise<{ appId: string; endpointId: string }> }) {
  const { appId, endpointId } = await params;
  return <EditEndpointPage appId={appId} endpointId={endpointId} />;
}
