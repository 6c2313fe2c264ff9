"use client";

import { useOrigin } from "@/components/common/use-origin";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";

// How to send messages with a key: one at a time with the svix SDK, or up to 500 in one
// request with Pigeon's batch route (the SDK does not know it: curl and fetch).

const examples = (origin: string) => [
  {
    title: "One message (svix SDK)",
    code: `import { Svix } from "svix";

const svix = new Svix(process.env.PIGEON_API_KEY!, { serverUrl: "${origin}" });
await svix.message.create("app_…", {
  eventType: "invoice.paid",
  eventId: "in_1", // optional: a second message with this eventId is refused (409)
  payload: { id: "in_1", amount: 1200 },
});`,
  },
  {
    title: "Up to 500 messages in one request (curl)",
    code: `curl -X POST "${origin}/api/v1/app/app_…/msg/batch" \\
  -H "Authorization: Bearer $PIGEON_API_KEY" \\
  -H "Content-Type: application/json" \\
  -H "Idempotency-Key: invoices-2026-11-29-1" \\
  -d '{"messages": [
    {"eventType": "invoice.paid", "eventId": "in_1", "payload": {"id": "in_1", "amount": 1200}},
    {"eventType": "invoice.paid", "eventId": "in_2", "payload": {"id": "in_2", "amount": 800}}
  ]}'`,
  },
  {
    title: "Up to 500 messages in one request (fetch)",
    code: `const response = await fetch(\`${origin}/api/v1/app/\${appId}/msg/batch\`, {
  method: "POST",
  headers: {
    authorization: \`Bearer \${process.env.PIGEON_API_KEY}\`,
    "content-type": "application/json",
    "idempotency-key": batchId, // a retry of this request stores nothing twice
  },
  body: JSON.stringify({
    messages: invoices.map((i) => ({ eventType: "invoice.paid", eventId: i.id, payload: i })),
  }),
});
// 202: every message accepted; 207: some were not — each item has its own status.
const { data } = await response.json();
for (const item of data) {
  if (item.status !== 202) console.warn(\`message \${item.index}: \${item.status}\`, item.error.detail);
}`,
  },
];

export function SendMessagesGuide() {
  const origin = useOrigin();
  return (
    <Card className="mt-6 p-4 sm:p-6">
      <h2 className="font-semibold">Send messages</h2>
      <p className="mt-1 text-sm text-zinc-600">
        One API call per event, or up to 500 events in one call with <code className="font-mono">POST /api/v1/app/&#123;app&#125;/msg/batch</code>: stored
        together, each with its own result (a duplicate <code className="font-mono">eventId</code> or an invalid message fails alone). Payloads count against
        your organization&apos;s limit one by one; a batch may be up to 8 MiB in all (the default).
      </p>
      <div className="mt-4 space-y-5">
        {examples(origin).map(({ title, code }) => (
          <CodeBlock key={title} title={title} code={code} />
        ))}
      </div>
    </Card>
  );
}
