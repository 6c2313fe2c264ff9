"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { formatDistanceToNow } from "date-fns";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { QueryContent } from "@/components/ui/query-content";
import { Table, Td, Th } from "@/components/ui/table";
import { type TCreateApiKeyInput, ZCreateApiKeyInput } from "@/lib/api-keys/schemas";
import { useApiKeysQuery, useCreateApiKeyMutation, useRevokeApiKeyMutation } from "@/lib/queries/api-keys";
import { SendMessagesGuide } from "./send-messages-guide";

function CreateKeyDialog() {
  const { can } = useConsole();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const create = useCreateApiKeyMutation();
  const form = useForm<TCreateApiKeyInput>({ resolver: zodResolver(ZCreateApiKeyInput), defaultValues: { name: "", role: "developer" } });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setKey(null);
      form.reset();
      create.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <KeyRound className="size-4" aria-hidden /> Create API key
        </Button>
      </DialogTrigger>
      <DialogContent
        title={key ? "Your new API key" : "Create an API key"}
        description={key ? undefined : "Your backend sends it as Authorization: Bearer <key>."}
      >
        {key ? (
          <div className="space-y-4">
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              This is the only time the key is shown. Store it in your secrets manager now.
            </p>
            <div className="flex items-center gap-2">
              <Input readOnly value={key} aria-label="New API key" className="font-mono text-xs" onFocus={(e) => e.target.select()} />
              <CopyButton value={key} />
            </div>
            <div className="flex justify-end">
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                I have stored it
              </Button>
            </div>
          </div>
        ) : (
          <form
            className="space-y-4"
            noValidate
            onSubmit={form.handleSubmit(async (values) => {
              const created = await create.mutateAsync(values).catch(() => null);
              if (created) {
                setKey(created.key);
                toast.success(`API key “${created.name}” created`);
              }
            })}
          >
            <FormError message={create.error?.message} />
            <Field label="Name" htmlFor="key-name" error={form.formState.errors.name?.message} hint="Where it is used, e.g. “Production backend”.">
              <Input id="key-name" autoFocus {...form.register("name")} />
            </Field>
            <Field label="Access" htmlFor="key-role">
              <Select id="key-role" {...form.register("role")}>
                <option value="developer">developer — send messages, manage apps and endpoints</option>
                <option value="viewer">viewer — read only</option>
                {can("admin") ? <option value="admin">admin — everything above</option> : null}
              </Select>
            </Field>
            <div className="flex justify-end">
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? "Creating…" : "Create key"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

export function ApiKeysPage() {
  const keys = useApiKeysQuery();
  const revoke = useRevokeApiKeyMutation();
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your backend call Pigeon's API for this organization. Only a prefix is kept visible; the key itself is shown once."
        actions={<CreateKeyDialog />}
      />
      <Card>
        <QueryContent
          query={keys}
          loading="Loading keys…"
          isEmpty={(rows) => rows.length === 0}
          empty={
            <EmptyState title="No API keys yet">
              Create a key, then send your first message with it: <code className="font-mono">POST /api/v1/app/&#123;app&#125;/msg</code>.
            </EmptyState>
          }
        >
          {(rows) => (
            <Table>
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Key</Th>
                  <Th>Access</Th>
                  <Th>Last used</Th>
                  <Th>Created</Th>
                  <Th className="text-right">
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((key) => (
                  <tr key={key.id} className={key.revokedAt ? "text-zinc-400" : undefined}>
                    <Td className="font-medium">{key.name}</Td>
                    <Td className="font-mono text-xs">{key.prefix}…</Td>
                    <Td>
                      <Badge>{key.role}</Badge>
                    </Td>
                    <Td>{key.lastUsedAt ? formatDistanceToNow(new Date(key.lastUsedAt), { addSuffix: true }) : "never"}</Td>
                    <Td>{formatDistanceToNow(new Date(key.createdAt), { addSuffix: true })}</Td>
                    <Td className="text-right">
                      {key.revokedAt ? (
                        <Badge tone="danger">revoked</Badge>
                      ) : (
                        <Button variant="ghost" size="sm" aria-label={`Revoke ${key.name}`} onClick={() => setRevoking({ id: key.id, name: key.name })}>
                          Revoke
                        </Button>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </QueryContent>
      </Card>
      <SendMessagesGuide />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke API key"
        description={
          <>
            Calls made with <strong>“{revoking?.name}”</strong> fail within a second of this, for good. Create a new key first if something still uses it.
          </>
        }
        confirmLabel="Revoke key"
        pendingLabel="Revoking…"
        onConfirm={async () => {
          await revoke.mutateAsync(revoking!.id);
          toast.success(`“${revoking!.name}” revoked`);
        }}
      />
    </>
  );
}
