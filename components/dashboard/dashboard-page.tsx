import { CheckCircle2, Circle } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { OverviewPanel } from "@/components/overview/overview-panel";
import { PageHeader } from "@/components/ui/page-header";

interface Overview {
  members: number;
  apiKeys: number;
  applications: number;
  messages: number;
}

export function DashboardPage({ orgName, overview }: { orgName: string; overview: Overview }) {
  const steps = [
    { done: overview.apiKeys > 0, title: "Create an API key", body: "Your backend authenticates with it.", href: "/api-keys" },
    { done: overview.applications > 0, title: "Create an application", body: "One per customer of yours; their endpoints live in it.", href: "/apps" },
    { done: overview.messages > 0, title: "Send your first message", body: "POST /api/v1/app/{app}/msg with an event type and a payload.", href: "/apps" },
    { done: overview.members > 1, title: "Invite your team", body: "So someone hears about failing endpoints.", href: "/team" },
  ];
  const remaining = steps.filter((s) => !s.done).length;
  return (
    <>
      <PageHeader title={orgName} description="Your webhooks at a glance: what needs attention first, then how delivery is going." />
      {remaining > 0 ? (
        <Card className="p-6">
          <h2 className="font-semibold">Get started</h2>
          <p className="mt-1 text-sm text-zinc-600">
            {remaining} of {steps.length} steps left.
          </p>
          <ol className="mt-4 divide-y divide-zinc-100">
            {steps.map((step) => (
              <li key={step.title} className="flex items-start gap-3 py-3">
                {step.done ? (
                  <CheckCircle2 className="mt-0.5 size-5 text-emerald-700" aria-label="done" />
                ) : (
                  <Circle className="mt-0.5 size-5 text-zinc-300" aria-label="to do" />
                )}
                <div>
                  <Link href={step.href} className="font-medium hover:underline">
                    {step.title}
                  </Link>
                  <p className="text-sm text-zinc-600">{step.body}</p>
                </div>
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
      <div className={remaining > 0 ? "mt-6" : undefined}>
        <OverviewPanel
          emptyHint={
            overview.messages > 0 ? (
              <>Messages were sent, but none was attempted in this period. Look at an application&apos;s endpoints and message log.</>
            ) : (
              <>
                Nothing was sent yet. Once your backend sends messages to an application with endpoints, their delivery shows here, failures first.{" "}
                <Link href="/apps" className="font-medium text-brand-700 hover:underline">
                  Go to your applications
                </Link>
              </>
            )
          }
        />
      </div>
    </>
  );
}
