import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** "Not found" (or another error) for a page below /apps, with a way back. */
export function MissingResource({ title, message, back }: { title: string; message: string; back: { href: string; label: string } }) {
  return (
    <Card>
      <EmptyState
        title={title}
        action={
          <Button asChild variant="secondary">
            <Link href={back.href}>{back.label}</Link>
          </Button>
        }
      >
        {message}
      </EmptyState>
    </Card>
  );
}
