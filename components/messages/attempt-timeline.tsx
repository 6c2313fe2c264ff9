"use client";

import { ChevronRight, CircleAlert, CircleCheck, Clock, Hand, Layers, Timer } from "lucide-react";
import Link from "next/link";
import { useAppScope } from "@/components/common/app-scope";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeText } from "@/components/ui/time-text";
import type { Attempt } from "@/lib/queries/attempts";
import { cn } from "@/lib/utils";

/** Why an attempt got no answer, in words (the engine's error kinds). */
const ERROR_KINDS: Record<string, string> = {
  timeout: "Timed out",
  dns: "DNS lookup failed",
  connection: "Connection failed",
  tls: "TLS error",
  blocked: "Blocked by the network policy",
  http_status: "Error response",
  interrupted: "Interrupted (the worker stopped)",
};
const errorKindText = (kind: string) => ERROR_KINDS[kind] ?? kind.replace(/[_-]/g, " ");

export function TriggerBadge({ triggerType }: { triggerType: number }) {
  return triggerType === 1 ? (
    <Badge tone="info" title="Sent by hand (resend or recover)">
      <Hand className="size-3" aria-hidden /> manual
    </Badge>
  ) : (
    <Badge tone="neutral" title="Sent by the retry schedule">
      <Clock className="size-3" aria-hidden /> scheduled
    </Badge>
  );
}

function HeadersTable({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="px-3 py-2 text-xs text-zinc-500">No headers</p>;
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-1 px-3 py-2 font-mono text-xs">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-zinc-500">{name}</dt>
          <dd className="break-all text-zinc-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A folded section (native <details>): headers are long and read only when needed. */
function Section({ title, children, defaultOpen = false }: { title: string; children: React.ReactNode; defaultOpen?: boolean }) {
  return (
    <details className="group rounded-md border border-zinc-200 bg-surface" open={defaultOpen}>
      <summary className="flex cursor-pointer list-none items-center gap-1.5 px-3 py-1.5 text-xs font-medium text-zinc-700 select-none hover:bg-zinc-50 [&::-webkit-details-marker]:hidden">
        <ChevronRight className="size-3.5 text-zinc-400 transition-transform group-open:rotate-90" aria-hidden />
        {title}
      </summary>
      <div className="border-t border-zinc-100">{children}</div>
    </details>
  );
}

/** The response body, pretty-printed when it is JSON. */
function ResponseBody({ body }: { body: string }) {
  if (!body) return <p className="text-xs text-zinc-500">Empty response body</p>;
  let text = body;
  try {
    text = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON: shown as it came.
  }
  return (
    <pre
      aria-label="Response body"
      className="max-h-64 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-xs whitespace-pre-wrap break-all text-zinc-800"
    >
      {text}
    </pre>
  );
}

/** An attempt that went out in a batch's POST: says so, and opens that batch on its endpoint's page. */
function BatchLink({ appId, attempt }: { appId: string; attempt: Attempt }) {
  const { appHref } = useAppScope();
  if (!attempt.batchId) return null;
  return (
    <Link
      href={`${appHref(appId)}/endpoints/${attempt.endpointId}?batch=${encodeURIComponent(attempt.batchId)}`}
      className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-brand-600/20 hover:underline"
      title={`Sent with other messages in batch ${attempt.batchId}`}
    >
      <Layers className="size-3" aria-hidden /> In a batch
    </Link>
  );
}

function AttemptItem({ appId, attempt, showUrl }: { appId: string; attempt: Attempt; showUrl: boolean }) {
  const ok = attempt.status === 0;
  const code = attempt.responseStatusCode;
  return (
    <li className="group/item relative pb-6 pl-8 last:pb-0">
      <span className="absolute top-7 bottom-1 left-[11px] w-px bg-zinc-200 group-last/item:hidden" aria-hidden />
      <span
        className={cn(
          "absolute top-0.5 left-0 flex size-6 items-center justify-center rounded-full ring-4 ring-white",
          ok ? "bg-emerald-50 text-emerald-700" : "bg-red-50 text-red-700",
        )}
      >
        {ok ? <CircleCheck className="size-4" aria-hidden /> : <CircleAlert className="size-4" aria-hidden />}
      </span>
      <article aria-label={`Attempt ${attempt.attemptNumber}`} className="space-y-3">
        <header className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <Badge tone={ok ? "success" : "danger"}>{code ? `HTTP ${code}` : "No response"}</Badge>
          <TriggerBadge triggerType={attempt.triggerType} />
          <BatchLink appId={appId} attempt={attempt} />
          <span className="text-sm font-medium text-zinc-900">Attempt {attempt.attemptNumber}</span>
          <span className="inline-flex items-center gap-1 text-xs text-zinc-500" title="Time from sending the request to the end of the response">
            <Timer className="size-3.5" aria-hidden /> {attempt.responseDurationMs.toLocaleString()} ms
          </span>
          <span className="ml-auto text-xs text-zinc-500">
            <TimeText value={attempt.timestamp} show="exact" className="text-zinc-700" /> · <TimeText value={attempt.timestamp} show="ago" />
          </span>
        </header>
        {/* A polling endpoint's first read records the poller path it came through, not a URL Pigeon POSTed to. */}
        {showUrl ? <p className="font-mono text-xs break-all text-zinc-600">{/^https?:\/\//.test(attempt.url) ? `POST ${attempt.url}` : attempt.url}</p> : null}
        {attempt.errorKind && !code ? (
          <div role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <span className="font-medium">{errorKindText(attempt.errorKind)}</span>
            {attempt.errorMessage ? <span className="text-red-700">: {attempt.errorMessage}</span> : null}
          </div>
        ) : null}
        {code ? (
          <div className="space-y-1.5">
            <p className="text-xs font-medium text-zinc-600">Response body</p>
            <ResponseBody body={attempt.response} />
          </div>
        ) : null}
        <div className="grid gap-2 lg:grid-cols-2">
          <Section title={`Request headers (${Object.keys(attempt.requestHeaders ?? {}).length})`}>
            <HeadersTable headers={attempt.requestHeaders ?? {}} />
          </Section>
          {attempt.responseHeaders ? (
            <Section title={`Response headers (${Object.keys(attempt.responseHeaders).length})`}>
              <HeadersTable headers={attempt.responseHeaders} />
            </Section>
          ) : null}
        </div>
      </article>
    </li>
  );
}

/** A message's attempts, newest first: what was sent, what came back, or why nothing did. */
export function AttemptTimeline({ appId, attempts, showUrl }: { appId: string; attempts: Attempt[]; showUrl: boolean }) {
  if (attempts.length === 0) {
    return (
      <EmptyState title="No attempts yet">
        The first attempt is made as soon as a worker picks the message up, usually within a second. Attempts appear here as they happen.
      </EmptyState>
    );
  }
  return (
    <ol className="p-5" aria-label="Attempts">
      {attempts.map((attempt) => (
        <AttemptItem key={attempt.id} appId={appId} attempt={attempt} showUrl={showUrl} />
      ))}
    </ol>
  );
}
