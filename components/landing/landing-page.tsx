import { Filter, KeyRound, RefreshCcw, ShieldCheck } from "lucide-react";
import { SiteHeader } from "@/components/layout/site-header";
import { Card } from "@/components/ui/card";
import { SystemStatus } from "./system-status";

// The four hard parts of webhooks, and Pigeon's answer to each.
const features = [
  {
    icon: RefreshCcw,
    title: "Failures and retries",
    body: "Every attempt is logged. Failed deliveries retry on a schedule you choose, endpoints that keep failing are paused, and your team is told at once.",
  },
  {
    icon: ShieldCheck,
    title: "Security",
    body: "Standard Webhooks signatures, secret rotation with a grace period, secrets encrypted at rest, and SSRF protection at connect time.",
  },
  {
    icon: KeyRound,
    title: "Firewalls",
    body: "Consumers that cannot accept inbound traffic pull their events instead, from a polling endpoint with a cursor.",
  },
  {
    icon: Filter,
    title: "Noise",
    body: "Event-type filters and channels per endpoint, per-endpoint throttling, and batching of many events into one request.",
  },
];

const example = `curl -X POST $PIGEON_URL/api/v1/app/app_123/msg \\
  -H "Authorization: Bearer $PIGEON_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"eventType": "invoice.paid", "payload": {"id": "in_42"}}'`;

export function LandingPage() {
  return (
    <>
      <SiteHeader />
      <main>
        <section className="mx-auto max-w-6xl px-6 pt-20 pb-16">
          <SystemStatus />
          <h1 className="mt-6 max-w-3xl text-5xl font-semibold tracking-tight text-balance">Webhooks, delivered. Signed, retried, logged — and never lost.</h1>
          <p className="mt-6 max-w-2xl text-lg text-zinc-600">
            Send Pigeon one API call per event. It signs the event, fans it out to every endpoint your customers registered, retries failures, records every
            attempt and tells your team when an endpoint breaks.
          </p>
        </section>

        <section id="features" aria-labelledby="features-title" className="mx-auto max-w-6xl px-6 pb-16">
          <h2 id="features-title" className="text-sm font-semibold tracking-wide text-brand-700 uppercase">
            The four hard parts of webhooks, solved
          </h2>
          <div className="mt-6 grid gap-4 sm:grid-cols-2">
            {features.map(({ icon: Icon, title, body }) => (
              <Card key={title} className="p-6">
                <Icon className="size-5 text-brand-700" aria-hidden />
                <h3 className="mt-3 font-semibold">{title}</h3>
                <p className="mt-2 text-sm leading-6 text-zinc-600">{body}</p>
              </Card>
            ))}
          </div>
        </section>

        <section id="api" aria-labelledby="api-title" className="mx-auto max-w-6xl px-6 pb-24">
          <h2 id="api-title" className="text-sm font-semibold tracking-wide text-brand-700 uppercase">
            One call per event
          </h2>
          <p className="mt-3 max-w-2xl text-zinc-600">
            The API is compatible with the core of Svix&apos;s, so the official <code className="font-mono">svix</code> SDK works against Pigeon unchanged.
          </p>
          <pre className="mt-6 overflow-x-auto rounded-lg bg-zinc-900 p-5 font-mono text-sm text-zinc-100">{example}</pre>
        </section>
      </main>
      <footer className="border-t border-zinc-200 py-8 text-center text-sm text-zinc-500">Pigeon · webhooks, delivered</footer>
    </>
  );
}
