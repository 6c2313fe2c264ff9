"use client";

import { Archive, ArchiveRestore, ChevronDown, ChevronRight, MoreHorizontal, Pencil, Plus, Tags } from "lucide-react";
import { Fragment, useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { Badge } from "@/components/ui/badge";
import { RefreshError } from "@/components/ui/refresh-error";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Switch } from "@/components/ui/switch";
import { SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { type EventType, useEventTypesQuery, useSetEventTypeArchivedMutation } from "@/lib/queries/event-types";
import { cn } from "@/lib/utils";
import { EventTypeDialog } from "./event-type-dialog";
import { UndocumentedEventTypes } from "./undocumented-event-types";

/** The event type's JSON schema (by version), when it has one. */
function SchemaViewer({ eventType }: { eventType: EventType }) {
  const schemas = eventType.schemas && typeof eventType.schemas === "object" ? eventType.schemas : null;
  if (!schemas || Object.keys(schemas).length === 0) return null;
  const text = JSON.stringify(schemas, null, 2);
  return (
    <div className="relative mb-4">
      <p className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">Schema</p>
      <div className="absolute top-6 right-2">
        <CopyButton value={text} label="Copy schema" />
      </div>
      <pre
        aria-label={`Schema of ${eventType.name}`}
        className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-surface p-4 pr-36 font-mono text-xs leading-relaxed text-zinc-800"
      >
        {text}
      </pre>
    </div>
  );
}

function ExampleViewer({ eventType }: { eventType: EventType }) {
  const hasExample = eventType.example !== null && eventType.example !== undefined;
  const text = JSON.stringify(eventType.example, null, 2);
  return (
    <div className="bg-zinc-50 px-4 py-4">
      <SchemaViewer eventType={eventType} />
      {eventType.schemas ? <p className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">Example</p> : null}
      {hasExample ? (
        <div className="relative">
          <div className="absolute top-2 right-2">
            <CopyButton value={text} label="Copy JSON" />
          </div>
          <pre
            aria-label={`Example payload of ${eventType.name}`}
            className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-surface p-4 pr-32 font-mono text-xs leading-relaxed text-zinc-800"
          >
            {text}
          </pre>
        </div>
      ) : (
        <p className="text-sm text-zinc-500">No example payload yet.</p>
      )}
    </div>
  );
}

export function EventTypesPage() {
  const scope = useAppScope();
  const developer = scope.access.manageEventTypes;
  const [showArchived, setShowArchived] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<{ open: boolean; eventType: EventType | null }>({ open: false, eventType: null });
  const eventTypes = useEventTypesQuery({ includeArchived: showArchived });
  const setArchived = useSetEventTypeArchivedMutation();
  const rows = eventTypes.data ?? [];

  const toggleExpanded = (name: string) =>
    setExpanded((set) => {
      const next = new Set(set);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  const archive = (name: string, archived: boolean) =>
    setArchived.mutateAsync({ name, archived }).then(
      () => toast.success(archived ? `${name} archived` : `${name} restored`),
      (error: Error) => toast.error(error.message),
    );
  const createButton = (
    <Button onClick={() => setDialog({ open: true, eventType: null })}>
      <Plus className="size-4" aria-hidden /> Create event type
    </Button>
  );

  return (
    <>
      {scope.kind === "portal" ? (
        <PageHeader
          title="Event catalogue"
          description="The events that can be sent to you, such as invoice.paid: what each one means, its schema and an example payload. An endpoint can subscribe to just the ones it needs."
        />
      ) : (
        <PageHeader
          title="Event types"
          description="The catalogue of events you send, such as invoice.paid. Endpoints subscribe to event types, and each one can carry an example payload."
          actions={
            <>
              <label className="mr-2 flex items-center gap-2 text-sm text-zinc-700">
                <Switch checked={showArchived} onCheckedChange={setShowArchived} aria-label="Show archived" />
                Show archived
              </label>
              {developer && rows.length > 0 ? createButton : null}
            </>
          }
        />
      )}
      <Card>
        <RefreshError query={eventTypes} />
        {eventTypes.isError && eventTypes.data === undefined ? (
          <p className="p-6 text-sm text-red-700" role="alert">
            {eventTypes.error.message}
          </p>
        ) : !eventTypes.isPending && rows.length === 0 ? (
          <EmptyState icon={Tags} title={showArchived ? "No event types, archived or not" : "No event types yet"} action={developer ? createButton : null}>
            <p>
              An event type names a kind of event your system sends, like <code className="font-mono text-xs">invoice.paid</code> or{" "}
              <code className="font-mono text-xs">user.created</code>. Every message carries one, and endpoints can subscribe to just the ones they need.
            </p>
            {scope.kind === "portal" ? null : <p>Describe them here, with an example payload, so your customers know what to expect.</p>}
          </EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th className="w-8">
                  <span className="sr-only">Example</span>
                </Th>
                <Th>Name</Th>
                <Th>Description</Th>
                <Th>Group</Th>
                <Th>
                  <span className="sr-only">Status</span>
                </Th>
                {developer ? (
                  <Th className="w-12">
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {eventTypes.isPending ? (
                <SkeletonRows columns={developer ? 6 : 5} />
              ) : (
                rows.map((eventType) => {
                  const open = expanded.has(eventType.name);
                  return (
                    <Fragment key={eventType.name}>
                      <tr className={cn("hover:bg-zinc-50", eventType.archived && "text-zinc-500")}>
                        <Td className="pr-0">
                          <button
                            type="button"
                            aria-expanded={open}
                            aria-label={`${open ? "Hide" : "Show"} example payload of ${eventType.name}`}
                            onClick={() => toggleExpanded(eventType.name)}
                            className="rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
                          >
                            {open ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
                          </button>
                        </Td>
                        <Td className="font-mono text-[13px] font-medium">{eventType.name}</Td>
                        <Td className="max-w-md text-zinc-600">{eventType.description || <span className="text-zinc-400">—</span>}</Td>
                        <Td className="text-zinc-600">{eventType.groupName ?? <span className="text-zinc-400">—</span>}</Td>
                        <Td>
                          <span className="flex gap-1">
                            {eventType.archived ? <Badge>archived</Badge> : null}
                            {eventType.deprecated ? <Badge tone="warning">deprecated</Badge> : null}
                          </span>
                        </Td>
                        {developer ? (
                          <Td className="text-right">
                            <DropdownMenu>
                              <DropdownMenuTrigger asChild>
                                <Button variant="ghost" size="sm" aria-label={`Actions for ${eventType.name}`} className="px-2">
                                  <MoreHorizontal className="size-4" aria-hidden />
                                </Button>
                              </DropdownMenuTrigger>
                              <DropdownMenuContent align="end">
                                <DropdownMenuItem onSelect={() => setDialog({ open: true, eventType })}>
                                  <Pencil className="size-4" aria-hidden /> Edit
                                </DropdownMenuItem>
                                {eventType.archived ? (
                                  <DropdownMenuItem onSelect={() => archive(eventType.name, false)}>
                                    <ArchiveRestore className="size-4" aria-hidden /> Unarchive
                                  </DropdownMenuItem>
                                ) : (
                                  <DropdownMenuItem onSelect={() => archive(eventType.name, true)}>
                                    <Archive className="size-4" aria-hidden /> Archive
                                  </DropdownMenuItem>
                                )}
                              </DropdownMenuContent>
                            </DropdownMenu>
                          </Td>
                        ) : null}
                      </tr>
                      {open ? (
                        <tr>
                          <td colSpan={developer ? 6 : 5} className="border-b border-zinc-100 p-0">
                            <ExampleViewer eventType={eventType} />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })
              )}
            </tbody>
          </Table>
        )}
      </Card>
      {scope.kind === "portal" ? null : <UndocumentedEventTypes canAdd={developer} />}
      {!showArchived && rows.length > 0 && scope.kind !== "portal" ? (
        <p className="mt-3 text-sm text-zinc-500">Archived event types are hidden from the catalogue but keep working in existing filters and messages.</p>
      ) : null}
      {developer ? <EventTypeDialog open={dialog.open} eventType={dialog.eventType} onOpenChange={(open) => setDialog((d) => ({ ...d, open }))} /> : null}
    </>
  );
}
