"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useSendExampleMutation } from "@/lib/queries/endpoint-activity";
import { useEventTypesQuery } from "@/lib/queries/event-types";

const pretty = (value: unknown) => (value === null || value === undefined ? "{\n  \n}" : JSON.stringify(value, null, 2));

/** The payload text as a JSON object, or why it is not one. */
function parsePayload(text: string): { value?: Record<string, unknown>; error?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "The payload must be a JSON object ({ … })" };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}

function SendTestForm({ appId, endpointId, onDone }: { appId: string; endpointId: string; onDone: () => void }) {
  const { appHref } = useAppScope();
  const router = useRouter();
  const listId = useId();
  const eventTypes = useEventTypesQuery();
  const send = useSendExampleMutation(appId, endpointId);
  const catalogue = eventTypes.data ?? [];
  const [eventType, setEventType] = useState("");
  const [payload, setPayload] = useState(pretty(null));
  const [edited, setEdited] = useState(false);
  const [touched, setTouched] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const parsed = parsePayload(payload);

  // Picking a catalogued event type fills in its example, unless the payload was edited.
  const chooseType = (name: string) => {
    setEventType(name);
    const entry = catalogue.find((t) => t.name === name);
    if (entry && !edited) setPayload(pretty(entry.example ?? {}));
  };
  const typeError = touched && !eventType.trim() ? "Choose an event type" : undefined;
  const payloadError = touched ? parsed.error : undefined;

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setTouched(true);
        setFormError(null);
        if (!eventType.trim() || !parsed.value) return;
        try {
          const message = await send.mutateAsync({ eventType: eventType.trim(), payload: parsed.value });
          const href = `${appHref(appId)}/messages/${message.id}`;
          toast.success("Test event sent", {
            description: `${message.eventType} · ${message.id}`,
            action: { label: "View message", onClick: () => router.push(href) },
          });
          onDone();
        } catch (error) {
          setFormError((error as Error).message);
        }
      }}
    >
      <FormError message={formError} />
      <Field
        label="Event type"
        htmlFor="test-event-type"
        error={typeError}
        hint={catalogue.length ? "Pick one from the catalogue, or type any name." : "The catalogue is empty: type an event type name."}
      >
        <Input
          id="test-event-type"
          list={listId}
          className="font-mono"
          placeholder="invoice.paid"
          spellCheck={false}
          autoComplete="off"
          autoFocus
          value={eventType}
          aria-invalid={!!typeError}
          onChange={(e) => chooseType(e.target.value)}
        />
        <datalist id={listId}>
          {catalogue.map((t) => (
            <option key={t.name} value={t.name}>
              {t.description}
            </option>
          ))}
        </datalist>
      </Field>
      <Field
        label="Payload (JSON)"
        htmlFor="test-payload"
        error={payloadError}
        hint={parsed.error ? <span className="text-amber-700">{parsed.error}</span> : "Sent as the webhook body, signed like every other message."}
      >
        <Textarea
          id="test-payload"
          rows={10}
          spellCheck={false}
          className="text-xs"
          value={payload}
          aria-invalid={!!payloadError}
          onChange={(e) => {
            setEdited(true);
            setPayload(e.target.value);
          }}
        />
      </Field>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone} disabled={send.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={send.isPending}>
          {send.isPending ? "Sending…" : "Send test event"}
        </Button>
      </div>
    </form>
  );
}

/** Sends one real, signed message of a chosen event type to this endpoint only. */
export function SendTestDialog({
  appId,
  endpointId,
  open,
  onOpenChange,
}: {
  appId: string;
  endpointId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Send a test event" description="A real message, delivered only to this endpoint and logged like any other.">
        {open ? <SendTestForm appId={appId} endpointId={endpointId} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}
