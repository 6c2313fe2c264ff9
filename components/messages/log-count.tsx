import { TimeText } from "@/components/ui/time-text";
import type { MessageLogPage } from "@/lib/queries/messages";

/** How many messages the log's filters match ("1,000+" beyond its cap), or what a payload search has looked through. */
export function LogCount({ page, filtered }: { page: MessageLogPage; filtered: boolean }) {
  const { total, search } = page;
  const noun = (n: number) => (n === 1 ? "message" : "messages");
  if (search) {
    return (
      <p className="text-sm text-zinc-600" aria-live="polite">
        {total.count.toLocaleString()}
        {total.more ? "+" : ""} found in {search.scanned.toLocaleString()} {noun(search.scanned)} searched
        {search.complete ? (
          <>
            {" "}
            since <TimeText value={search.after} />
          </>
        ) : (
          "; Next searches older ones"
        )}
      </p>
    );
  }
  return (
    <p className="text-sm text-zinc-600" aria-live="polite">
      {total.more ? `More than ${total.count.toLocaleString()}` : total.count.toLocaleString()} {noun(total.count)}
      {filtered ? " match" : ""}
    </p>
  );
}
