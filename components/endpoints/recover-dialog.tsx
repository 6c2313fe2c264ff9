"use client";

import { startOfYesterday, subDays, subHours } from "date-fns";
import { CircleCheck } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Progress } from "@/components/ui/progress";
import { isoToLocalInput, localInputToIso } from "@/components/ui/time-text";
import { useBackgroundTaskQuery, useRecoverMutation } from "@/lib/queries/endpoint-activity";

const PRESETS = [
  { label: "Last hour", since: () => subHours(new Date(), 1) },
  { label: "Since yesterday", since: () => startOfYesterday() },
  { label: "Last 7 days", since: () => subDays(new Date(), 7) },
];

function RecoverProgress({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  // A portal session may follow the recovers of its own application's endpoints too.
  const task = useBackgroundTaskQuery(taskId);
  const data = task.data;
  const done = data?.data.done ?? 0;
  const total = data?.data.total ?? null;
  const finished = data?.status === "finished";
  return (
    <div className="space-y-4">
      <div className="space-y-2" aria-live="polite">
        <Progress value={finished ? (total ?? done) : done} max={total} label="Recover progress" />
        <p className="flex items-center gap-1.5 text-sm text-zinc-700">
          {finished ? <CircleCheck className="size-4 text-emerald-700" aria-hidden /> : null}
          {!data ? (
            "Starting…"
          ) : data.status === "failed" ? (
            <span className="text-red-700">
              The recover stopped after {done} messages{typeof data.data.error === "string" ? `: ${data.data.error}` : ""}.
            </span>
          ) : total === 0 ? (
            "Nothing to recover: no failed messages in that window."
          ) : (
            `${finished ? "Recovered" : "Recovering"} ${done.toLocaleString()} of ${(total ?? 0).toLocaleString()} ${total === 1 ? "message" : "messages"}`
          )}
        </p>
        {finished && total ? <p className="text-sm text-zinc-500">They are being delivered now; their new attempts appear in the attempts list.</p> : null}
      </div>
      {task.isError ? <FormError message={task.error.message} /> : null}
      <div className="flex justify-end">
        <Button onClick={onDone} variant={finished ? "primary" : "secondary"}>
          {finished || data?.status === "failed" ? "Done" : "Close (keeps running)"}
        </Button>
      </div>
    </div>
  );
}

function RecoverForm({
  appId,
  endpointId,
  initialSince,
  onStarted,
  onCancel,
}: {
  appId: string;
  endpointId: string;
  initialSince: string | null;
  onStarted: (taskId: string) => void;
  onCancel: () => void;
}) {
  const recover = useRecoverMutation(appId, endpointId);
  const [since, setSince] = useState(() => isoToLocalInput(initialSince ?? startOfYesterday().toISOString()));
  const [until, setUntil] = useState("");
  const [error, setError] = useState<string | null>(null);
  const max = isoToLocalInput(new Date().toISOString());
  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(null);
        const sinceIso = localInputToIso(since);
        const untilIso = localInputToIso(until);
        if (!sinceIso) return setError("Choose the time to recover from");
        if (new Date(sinceIso).getTime() > Date.now()) return setError("“Since” must not be in the future");
        if (untilIso && untilIso < sinceIso) return setError("“Until” must not be earlier than “since”");
        try {
          const task = await recover.mutateAsync({ since: sinceIso, until: untilIso ?? null });
          onStarted(task.id);
        } catch (e) {
          setError((e as Error).message);
        }
      }}
    >
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        {PRESETS.map((preset) => (
          <Button key={preset.label} type="button" variant="secondary" size="sm" onClick={() => setSince(isoToLocalInput(preset.since().toISOString()))}>
            {preset.label}
          </Button>
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Since" htmlFor="recover-since" hint="Messages sent from this time on.">
          <Input id="recover-since" type="datetime-local" required max={max} value={since} onChange={(e) => setSince(e.target.value)} />
        </Field>
        <Field label="Until (optional)" htmlFor="recover-until" hint="Empty means up to now.">
          <Input id="recover-until" type="datetime-local" max={max} value={until} onChange={(e) => setUntil(e.target.value)} />
        </Field>
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel} disabled={recover.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={recover.isPending}>
          {recover.isPending ? "Starting…" : "Recover messages"}
        </Button>
      </div>
    </form>
  );
}

/**
 * Sends this endpoint's failed messages of a time window again: the server re-queues
 * them as a background task, whose progress is shown until it finishes.
 */
export function RecoverDialog({
  appId,
  endpointId,
  open,
  onOpenChange,
  since,
}: {
  appId: string;
  endpointId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The time the form starts from (the recover offered after re-enabling); else the start of yesterday. */
  since?: string | null;
}) {
  const [taskId, setTaskId] = useState<string | null>(null);
  const change = (next: boolean) => {
    if (!next) setTaskId(null);
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogContent
        title="Recover failed messages"
        description="Every message that failed to reach this endpoint in the window (or is waiting for a retry) is sent again now. Delivered messages are not sent twice."
      >
        {!open ? null : taskId ? (
          <RecoverProgress taskId={taskId} onDone={() => change(false)} />
        ) : (
          <RecoverForm appId={appId} endpointId={endpointId} initialSince={since ?? null} onStarted={setTaskId} onCancel={() => change(false)} />
        )}
      </DialogContent>
    </Dialog>
  );
}
