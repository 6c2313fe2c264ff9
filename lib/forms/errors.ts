import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/**
 * Splits a server message such as `url: "…" is not allowed: …; endpoints must be public` or
 * `uid: must not be empty; url: is required` into per-field messages. A part that does not
 * start with a field name belongs to the part before it.
 */
export function splitFieldMessages(message: string): { field: string | null; message: string }[] {
  const parts = message.split(/; (?=[\w.-]+: )/);
  return parts.map((part) => {
    const match = /^([\w.-]+): ([\s\S]*)$/.exec(part);
    return match ? { field: match[1]!, message: match[2]! } : { field: null, message: part };
  });
}

/**
 * The longest of `fields` that `path` starts with: `eventTypes.0` goes to `eventTypes`,
 * `batch.maxSize` to `batch.maxSize` when the form has that field, else to `batch`.
 */
function fieldOf<T extends FieldValues>(path: string, fields: readonly Path<T>[]): Path<T> | undefined {
  const segments = path.split(".");
  for (let n = segments.length; n > 0; n--) {
    const candidate = segments.slice(0, n).join(".") as Path<T>;
    if (fields.includes(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Puts the server's field messages under their fields (see fieldOf) and returns what is
 * left for the form-level error, or null.
 */
export function applyServerErrors<T extends FieldValues>(message: string, fields: readonly Path<T>[], setError: UseFormSetError<T>): string | null {
  const rest: string[] = [];
  for (const part of splitFieldMessages(message)) {
    const field = part.field ? fieldOf(part.field, fields) : undefined;
    if (field) setError(field, { type: "server", message: part.message }, { shouldFocus: true });
    else rest.push(part.field ? `${part.field}: ${part.message}` : part.message);
  }
  return rest.length ? rest.join("; ") : null;
}

/**
 * The shared schemas word their messages to follow a field name ("url: is required"), so
 * under a field they read as "URL is required" (and "must be a valid email address" as "Enter a valid
 * email address"). Messages that are already sentences stay.
 */
export function fieldMessage(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  // "email: must be a valid email address" asks the person for something: "Enter a valid email address".
  const valid = /^must be a valid (.+)$/.exec(message);
  if (valid) return `Enter a valid ${valid[1]}`;
  return /^[a-z"'“(]/.test(message) ? `${label} ${message}` : message;
}
