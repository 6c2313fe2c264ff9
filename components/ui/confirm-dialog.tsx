"use client";

import { type ReactNode, useRef, useState } from "react";
import { Button } from "./button";
import { Dialog, DialogContent } from "./dialog";
import { Field, FormError } from "./field";
import { Input } from "./input";

/**
 * Asks before something that cannot be undone. With `typeToConfirm` the confirm button
 * stays disabled until that exact text is typed. `onConfirm` may throw: its message is shown.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  pendingLabel,
  tone = "danger",
  typeToConfirm,
  confirmDisabled = false,
  onConfirm,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  tone?: "danger" | "primary";
  typeToConfirm?: string;
  /** Nothing to confirm yet (e.g. a count still loading, or zero). */
  confirmDisabled?: boolean;
  onConfirm: () => Promise<unknown> | unknown;
  children?: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  // Set before the first await: a second submit (a double click, Enter twice) arriving before
  // the button is disabled on screen is ignored, so the action runs once.
  const running = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const change = (next: boolean) => {
    if (pending) return;
    if (!next) {
      setTyped("");
      setError(null);
    }
    onOpenChange(next);
  };
  const ready = (!typeToConfirm || typed === typeToConfirm) && !confirmDisabled;
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogContent title={title} description={description}>
        <form
          className="space-y-4"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!ready || running.current) return;
            running.current = true;
            setPending(true);
            setError(null);
            try {
              await onConfirm();
              setTyped("");
              onOpenChange(false);
            } catch (e) {
              setError((e as Error).message);
            } finally {
              running.current = false;
              setPending(false);
            }
          }}
        >
          <FormError message={error} />
          {children}
          {typeToConfirm ? (
            <Field label={`Type “${typeToConfirm}” to confirm`} htmlFor="confirm-text">
              <Input id="confirm-text" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus spellCheck={false} />
            </Field>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => change(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant={tone} disabled={!ready || pending}>
              {pending ? (pendingLabel ?? `${confirmLabel}…`) : confirmLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
