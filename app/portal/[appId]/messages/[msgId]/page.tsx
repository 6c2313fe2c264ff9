import { MessagePage } from "@/components/messages/message-page";

export const metadata = { title: "Message" };

export default async function Page({ params }: { params: Promise<{ appId: string; msgId: string }> }) {
  const { appId, msgId } = await params;
  return <MessagePage appId={appId} msgId={msgId} />;
}
