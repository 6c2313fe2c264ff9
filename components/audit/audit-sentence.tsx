import Link from "next/link";
import { TimeText } from "@/components/ui/time-text";
import type { AuditRow } from "@/lib/queries/audit";

/** An entry's sentence: the objects it names link to their pages while they exist; facts of an unknown action as a list. */
export function AuditSentence({ description }: { description: AuditRow["description"] }) {
  return (
    <div className="min-w-0 text-sm text-zinc-700 wrap-anywhere">
      <p>
        {description.parts.map((part, i) => {
          if (typeof part === "string") return <span key={i}>{part}</span>;
          if ("time" in part) return <TimeText key={i} value={part.time} show="exact" />;
          const { ref } = part;
          const hint = ref.hint ? <span className="ml-1 font-mono text-xs text-zinc-500">({ref.hint})</span> : null;
          return ref.href ? (
            <span key={i}>
              <Link
                href={ref.href}
                className="font-medium text-zinc-900 underline decoration-zinc-300 underline-offset-2 hover:decoration-zinc-900"
                data-ref-kind={ref.kind}
              >
                {ref.label}
              </Link>
              {hint}
            </span>
          ) : (
            <span key={i} title="No longer exists">
              <span className="font-medium text-zinc-900">{ref.label}</span>
              {hint}
            </span>
          );
        })}
      </p>
      {description.facts.length ? (
        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
          {description.facts.map((fact) => (
            <div key={fact.label} className="contents">
              <dt className="text-zinc-500">{fact.label}</dt>
              <dd className="text-zinc-700">{fact.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
