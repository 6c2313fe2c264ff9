import { AppPage } from "@/components/apps/app-page";

export const metadata = { title: "Application" };

export default async function Page({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return <AppPage appId={appId} />;
}
