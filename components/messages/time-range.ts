import { format } from "date-fns";

// The time filters travel in the URL as ISO instants (a link means the same moment to
// everyone) and are edited in a datetime-local input in the viewer's own time zone.

/** "2026-03-01T14:30" (local) → ISO, or undefined when empty or not a time. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** ISO → the local "yyyy-MM-ddTHH:mm" a datetime-local input shows. */
export function isoToLocalInput(value: string | undefined | null): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : format(date, "yyyy-MM-dd'T'HH:mm");
}
