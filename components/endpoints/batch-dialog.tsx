"use client";

import Link from "next/link";
import { useAppScope } from "@/components/common/app-scope";
import { CopyableId } from "@/components/ui/copy-button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { TimeText } from "@/components/ui/time-text";
import { type BatchDetail, useBatchQuery } from "@/lib/queries/batches";
import { BatchStatusBadge, messagesText } from "./batch-status";

function Posts({ posts }: { posts: BatchDetail["posts"] }) {
  if (posts.length === 0) return <p className="text-sm text-zinc-500">Not sent yet: it goes once it is full or has waited long enough.</p>;
  return (
    <ol className="divide-y divide-zinc-100 rounded-md border border-zinc-200" aria-label="POSTs">
      {[...posts].reverse().map((post, i) => (
        <li key={`${post.timestamp}-${i}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <span className="font-medium text-zinc-900">POST {posts.length - i}</span>
          <BatchStatusBadge post={post} />
          <span className="text-zinc-600 tabular-nums">{post.responseDurationMs.toLocaleString()} ms</span>
          <TimeText value={post.timestamp} show="exact" className="ml-auto text-xs text-zinc-500" />
          {post.errorMessage ? <p className="w-full text-xs break-words text-red-700">{post.errorMessage}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function Messages({ appId, messages }: { appId: string; messages: BatchDetail["messages"] }) {
  const { appHref } = useAppScope();
  if (messages.length === 0) return <p className="text-sm text-zinc-500">Listed once the batch has been sent.</p>;
  return (
    <ul className="max-h-64 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200" aria-label="Messages in this batch">
      {messages.map((message) => (
        <li key={message.id} className="flex min-w-0 items-center justify-between gap-3 px-3 py-2 text-sm">
          <Link
            href={`${appHref(appId)}/messages/${message.id}`}
            className="min-w-0 truncate font-mono text-[13px] font-medium hover:underline"
            title={message.id}
          >
            {message.eventType}
          </Link>
          <span className="min-w-0 truncate font-mono text-xs text-zinc-500">{message.eventId ?? message.id}</span>
        </li>
      ))}
    </ul>
  );
}

/** One batch, opened from the Batches list or an attempt's link: its POSTs, newest first, and the messages it carried. */
export function BatchDialog({ appId, endpointId, batchId, onClose }: { appId: string; endpointId: string; batchId: string | null; onClose: () => void }) {
  const batch = useBatchQuery(appId, endpointId, batchId);
  const data = batch.data;
  return (
    <Dialog open={!!batchId} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent
        title={data ? `Batch of ${messagesText(data.size)}` : "Batch"}
        description="Sent as one signed POST whose body is a JSON array of the messages; retried whole, under the batch's id as webhook-id."
        className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto"
      >
        {batch.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {batch.error.message}
          </p>
        ) : !data ? (
          <p className="text-sm text-zinc-500">Loading…</p>
        ) : (
          <div className="space-y-5">
            <div className="flex flex-wrap items-center gap-2">
              <CopyableId label="ID" value={data.id} />
              <span className="text-xs text-zinc-500">
                Formed <TimeText value={data.createdAt} show="ago" />
              </span>
            </div>
            <section className="space-y-2">
              <h3 className="text-sm font-semibold text-zinc-900">
                {data.attempts === 1 ? "1 POST" : `${data.attempts} POSTs`}
                {data.attempts ? (data.succeeded ? ", delivered" : ", not delivered yet") : ""}
              </h3>
              <Posts posts={data.posts} />
            </section>
            <section className="space-y-2">
              <h3 className="text-sm font-semibold text-zinc-900">{messagesText(data.messages.length)}, in the order they were in the body</h3>
              <Messages appId={appId} messages={data.messages} />
            </section>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
