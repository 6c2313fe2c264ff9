import { NewEndpointPage } from "@/components/endpoints/endpoint-form-page";

export const metadata = { title: "New endpoint" };

export default async function Page({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return <NewEndpointPage appId={appId} />;
}
