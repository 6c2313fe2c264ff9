"use client";

import { type KeyboardEvent, useId, useState } from "react";
import { useOrigin } from "@/components/common/use-origin";
import { CodeBlock } from "@/components/ui/code-block";
import { cn } from "@/lib/utils";

// The ways a consumer reads a polling endpoint, as code to copy. The token never appears in
// them: it is shown once, and samples are copied into files and chats; they read it from
// PIGEON_TOKEN instead.

/** Where a polling endpoint is read: the poller API's address for this endpoint. */
export const pollerUrl = (origin: string, appId: string, endpointId: string) => `${origin}/api/v1/app/${appId}/poller/${endpointId}`;

const samples = (origin: string, appId: string, endpointId: string) => {
  const poller = pollerUrl(origin, appId, endpointId);
  return [
    {
      id: "curl",
      tab: "Poll (curl)",
      title: "Poll with curl",
      intro: "Ask for the next page whenever you like. With a consumer id the server remembers where that consumer left off.",
      code: `# The next page for the consumer "my-worker"; the server keeps its position
curl "${poller}/consumer/my-worker?limit=50" \\
  -H "Authorization: Bearer $PIGEON_TOKEN"

# Or keep the position yourself: pass back each answer's "iterator"
curl "${poller}?limit=50" \\
  -H "Authorization: Bearer $PIGEON_TOKEN"
curl "${poller}?limit=50&iterator=<iterator of the previous answer>" \\
  -H "Authorization: Bearer $PIGEON_TOKEN"`,
    },
    {
      id: "sse",
      tab: "Stream (EventSource)",
      title: "Stream with EventSource (Server-Sent Events)",
      intro:
        "Messages arrive as they are sent. EventSource cannot send headers, so the token goes in the address; it can read this one endpoint and nothing else.",
      code: `const url = new URL("${poller}/stream");
url.searchParams.set("token", PIGEON_TOKEN);
url.searchParams.set("consumer", "my-worker"); // optional: resume where "my-worker" left off

const source = new EventSource(url);
source.onmessage = (event) => {
  // { id, eventType, payload, timestamp, headers, body }: headers sign body (Standard Webhooks)
  const message = JSON.parse(event.data);
  console.log(message.eventType, message.payload);
};
// A dropped connection reconnects by itself and resumes after the last message it got.`,
    },
    {
      id: "ws",
      tab: "Stream (WebSocket)",
      title: "Stream over a WebSocket, acknowledging what you processed",
      intro:
        "Up to 100 messages are out at once. Acknowledge each one you processed: a reconnect of the same consumer resumes after the last acknowledged message, so nothing unacknowledged is lost.",
      code: `import WebSocket from "ws";

const ws = new WebSocket("${poller.replace(/^http/, "ws")}/ws?consumer=my-worker", {
  headers: { authorization: \`Bearer \${process.env.PIGEON_TOKEN}\` },
});
ws.on("message", async (data) => {
  const { message, body } = JSON.parse(String(data)); // message.headers sign body (Standard Webhooks)
  await handle(message.eventType, message.payload);
  ws.send(JSON.stringify({ type: "ack", id: message.id }));
});`,
    },
    {
      id: "sdk",
      tab: "SDK (svix)",
      title: "Poll with the svix SDK",
      intro: "The official Svix SDK's message poller works unchanged: give it this server's address and the token.",
      code: `import { Svix } from "svix";

const svix = new Svix(process.env.PIGEON_TOKEN!, { serverUrl: "${origin}" });

// The server remembers where the consumer "my-worker" left off.
const page = await svix.message.poller.consumerPoll("${appId}", "${endpointId}", "my-worker", { limit: 50 });
for (const message of page.data) console.log(message.eventType, message.payload);

// Or keep the position yourself, passing back each page's iterator.
let iterator: string | null = null;
let done = false;
while (!done) {
  const next = await svix.message.poller.poll("${appId}", "${endpointId}", { iterator, limit: 50 });
  for (const message of next.data) console.log(message.eventType, message.payload);
  ({ iterator, done } = next);
}`,
    },
    {
      id: "cli",
      tab: "CLI (pigeon listen)",
      title: "Forward to a local server with pigeon listen",
      intro: "For development: streams this endpoint and POSTs each message to your local server, signed like a webhook.",
      code: `npx pigeon listen --server ${origin} --token "$PIGEON_TOKEN" \\
  --forward-to http://localhost:4000/webhooks`,
    },
  ];
};

/** Code samples for each way of reading the endpoint, one tab each. */
export function PollingSamples({ appId, endpointId }: { appId: string; endpointId: string }) {
  const origin = useOrigin();
  const [selected, setSelected] = useState("curl");
  const base = useId();
  const all = samples(origin, appId, endpointId);
  const shown = all.find((sample) => sample.id === selected) ?? all[0]!;
  // The tabs pattern: arrow keys move between tabs, Tab moves on to the panel.
  const step = (event: KeyboardEvent<HTMLButtonElement>) => {
    const offset = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!offset) return;
    event.preventDefault();
    const next = all[(all.indexOf(shown) + offset + all.length) % all.length]!;
    setSelected(next.id);
    document.getElementById(`${base}-${next.id}-tab`)?.focus();
  };
  return (
    <div className="min-w-0">
      <div role="tablist" aria-label="Ways to read this endpoint" className="flex flex-wrap gap-1 rounded-md border border-zinc-200 bg-zinc-50 p-0.5">
        {all.map((sample) => (
          <button
            key={sample.id}
            type="button"
            role="tab"
            id={`${base}-${sample.id}-tab`}
            aria-selected={sample.id === shown.id}
            aria-controls={`${base}-panel`}
            tabIndex={sample.id === shown.id ? 0 : -1}
            onClick={() => setSelected(sample.id)}
            onKeyDown={step}
            className={cn(
              "rounded px-2.5 py-1 text-xs font-medium",
              sample.id === shown.id ? "bg-surface text-zinc-900 shadow-sm" : "text-zinc-500 hover:text-zinc-800",
            )}
          >
            {sample.tab}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${shown.id}-tab`} className="mt-4">
        <CodeBlock title={shown.title} code={shown.code}>
          {shown.intro}
        </CodeBlock>
      </div>
    </div>
  );
}
