import { Badge } from "@/components/ui/badge";

interface Post {
  succeeded: boolean;
  responseStatusCode: number;
}

/** How a batch's (or one POST's) last try went: its HTTP status, no response, or not sent yet. */
export function BatchStatusBadge({ post }: { post: Post | null }) {
  if (!post) return <Badge tone="neutral">Not sent yet</Badge>;
  return <Badge tone={post.succeeded ? "success" : "danger"}>{post.responseStatusCode ? `HTTP ${post.responseStatusCode}` : "No response"}</Badge>;
}

/** "1 message", "12 messages". */
export const messagesText = (n: number) => `${n.toLocaleString()} ${n === 1 ? "message" : "messages"}`;
