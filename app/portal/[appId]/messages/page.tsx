import { MessageLogPage } from "@/components/messages/message-log-page";

export const metadata = { title: "Messages" };

export default async function Page({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return <MessageLogPage appId={appId} />;
}
