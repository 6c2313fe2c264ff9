"use client";

import { Lock, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { useAppScope } from "@/components/common/app-scope";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { ZHeadersPatchIn } from "@/lib/endpoints/schemas";
import { useEndpointHeadersQuery, useUpdateHeadersMutation } from "@/lib/queries/endpoints";

/** Custom headers sent with every webhook. Credential values are write-only: only their names come back. */
export function HeadersCard({ appId, endpointId }: { appId: string; endpointId: string }) {
  const developer = useAppScope().access.manageEndpoint;
  const headers = useEndpointHeadersQuery(appId, endpointId);
  const update = useUpdateHeadersMutation(appId, endpointId);
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  const rows = headers.data
    ? [
        ...Object.entries(headers.data.headers).map(([name, value]) => ({ name, value, sensitive: false })),
        ...headers.data.sensitive.map((name) => ({ name, value: null, sensitive: true })),
      ].sort((a, b) => a.name.localeCompare(b.name))
    : [];

  const add = async () => {
    const [sentName, sentValue] = [name, value];
    const input = { headers: { [name.trim()]: value } };
    const parsed = ZHeadersPatchIn.safeParse(input);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "That header is not valid");
      return;
    }
    setError(null);
    try {
      await update.mutateAsync(parsed.data);
      toast.success(`Header ${sentName.trim()} saved`);
      // Clear the inputs unless something else was typed while saving.
      setName((current) => (current === sentName ? "" : current));
      setValue((current) => (current === sentValue ? "" : current));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const remove = (header: string) =>
    update.mutateAsync({ headers: {}, deleteHeaders: [header] }).then(
      () => toast.success(`Header ${header} removed`),
      (e: Error) => toast.error(e.message),
    );

  return (
    <Card>
      <div className="border-b border-zinc-100 px-5 py-4">
        <h2 className="font-semibold">Custom headers</h2>
        <p className="mt-1 text-sm text-zinc-600">
          Sent with every webhook to this endpoint, e.g. a token the receiver expects. Credential values are stored encrypted and never shown again.
        </p>
      </div>
      {headers.isPending ? (
        <p className="px-5 py-4 text-sm text-zinc-500">Loading…</p>
      ) : headers.isError ? (
        <p className="px-5 py-4 text-sm text-red-700" role="alert">
          {headers.error.message}
        </p>
      ) : rows.length === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-500">No custom headers.</p>
      ) : (
        <Table aria-label="Custom headers">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Value</Th>
              {developer ? (
                <Th className="text-right">
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name}>
                <Td className="font-mono text-[13px]">{row.name}</Td>
                <Td className="font-mono text-[13px] break-all text-zinc-600">
                  {row.sensitive ? (
                    <Badge>
                      <Lock className="size-3" aria-hidden /> hidden
                    </Badge>
                  ) : (
                    row.value
                  )}
                </Td>
                {developer ? (
                  <Td className="text-right">
                    <Button variant="ghost" size="sm" aria-label={`Remove header ${row.name}`} onClick={() => remove(row.name)} disabled={update.isPending}>
                      <Trash2 className="size-4" aria-hidden />
                    </Button>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {developer ? (
        <form
          className="space-y-2 border-t border-zinc-100 px-5 py-4"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <FormError message={error} />
          <div className="flex flex-wrap items-center gap-2">
            <Input
              aria-label="Header name"
              placeholder="X-Custom-Header"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="w-56 font-mono text-[13px]"
              spellCheck={false}
            />
            <Input
              aria-label="Header value"
              placeholder="value"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              className="min-w-40 flex-1 font-mono text-[13px]"
              spellCheck={false}
            />
            <Button type="submit" variant="secondary" size="sm" disabled={!name.trim() || update.isPending}>
              <Plus className="size-4" aria-hidden /> Add header
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
