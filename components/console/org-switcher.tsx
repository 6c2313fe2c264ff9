"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fetchJson } from "@/lib/queries/fetch-json";

export function OrgSwitcher() {
  const { org, orgs } = useConsole();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");

  const switchTo = async (body: { orgId: string } | { name: string }, url: string) => {
    try {
      const result = await fetchJson<{ name: string }>(url, { method: "POST", body: JSON.stringify(body) });
      queryClient.clear();
      router.refresh();
      toast.success(`Switched to ${result.name}`);
      setCreating(false);
    } catch (error) {
      toast.error((error as Error).message);
    }
  };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <button
            className="flex w-full items-center justify-between gap-2 rounded-md border border-zinc-200 bg-surface px-2.5 py-2 text-left text-sm font-medium shadow-sm hover:bg-zinc-50"
            aria-label="Switch organization"
          >
            <span className="truncate">{org.name}</span>
            <ChevronsUpDown className="size-4 shrink-0 text-zinc-400" aria-hidden />
          </button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          <DropdownMenuLabel>Organizations</DropdownMenuLabel>
          {orgs.map((o) => (
            <DropdownMenuItem key={o.id} onSelect={() => o.id !== org.id && switchTo({ orgId: o.id }, "/api/console/orgs/active")}>
              <Check className={o.id === org.id ? "size-4" : "size-4 opacity-0"} aria-hidden />
              <span className="flex-1 truncate">{o.name}</span>
              <span className="text-xs text-zinc-500">{o.role}</span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden /> New organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent title="New organization" description="You will be its owner. Invite your team from the Team page.">
          <form
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              void switchTo({ name }, "/api/console/orgs");
            }}
          >
            <Field label="Name" htmlFor="org-name">
              <Input id="org-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
            </Field>
            <div className="flex justify-end">
              <Button type="submit" disabled={!name.trim()}>
                Create organization
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
