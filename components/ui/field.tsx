import type { ReactNode } from "react";
import { fieldMessage } from "@/lib/forms/errors";

/**
 * A labelled form control with its hint and its error. An error worded to follow a field
 * name ("is required") is shown after `errorLabel` (the label unless given), so every form
 * reads "Name is required".
 */
export function Field({
  label,
  errorLabel = label,
  htmlFor,
  error,
  hint,
  children,
}: {
  label: string;
  errorLabel?: string;
  htmlFor: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {error ? (
        <p className="text-sm text-red-700" id={`${htmlFor}-error`}>
          {fieldMessage(errorLabel, error)}
        </p>
      ) : hint ? (
        <p className="text-sm text-zinc-500">{hint}</p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </div>
  );
}
