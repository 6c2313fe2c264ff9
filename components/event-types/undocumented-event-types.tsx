"use client";

import { Plus } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { useCreateEventTypeMutation, useUndocumentedEventTypesQuery } from "@/lib/queries/event-types";

/** Event types your messages carry that the catalogue does not describe yet, each one click from being added (with its newest payload as the example). */
export function UndocumentedEventTypes({ canAdd }: { canAdd: boolean }) {
  const seen = useUndocumentedEventTypesQuery();
  const create = useCreateEventTypeMutation();
  if (!seen.data?.length) return null;
  return (
    <Card className="mt-6">
      <div className="border-b border-zinc-200 px-5 py-4">
        <h2 className="font-semibold">Seen, not documented</h2>
        <p className="mt-1 text-sm text-zinc-600">
          Your messages carry these event types, but the catalogue does not describe them, so endpoints cannot pick them from a list and your customers see no
          example. Adding one takes its newest payload as the example; describe it afterwards.
        </p>
      </div>
      <Table aria-label="Event types seen in messages but not in the catalogue">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Seen in</Th>
            <Th>Last seen</Th>
            {canAdd ? (
              <Th className="w-40">
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {seen.data.map((type) => (
            <tr key={type.name}>
              <Td className="font-mono text-[13px] font-medium">{type.name}</Td>
              <Td className="text-zinc-600">
                {type.apps} {type.apps === 1 ? "application" : "applications"}
              </Td>
              <Td className="text-zinc-600">
                <TimeText value={type.lastSeenAt} show="ago" />
              </Td>
              {canAdd ? (
                <Td className="text-right">
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={`Add ${type.name} to the catalogue`}
                    disabled={create.isPending}
                    onClick={() =>
                      create.mutateAsync({ name: type.name, description: "", ...(type.example === null ? {} : { example: type.example }) }).then(
                        () => toast.success(`${type.name} added to the catalogue`),
                        (error: Error) => toast.error(error.message),
                      )
                    }
                  >
                    <Plus className="size-4" aria-hidden /> Add to catalogue
                  </Button>
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
