"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { useConsole } from "@/components/common/console-context";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ROLES, roleDescriptions } from "@/lib/auth/roles";
import { type CreatedInvitation, useInviteMutation } from "@/lib/queries/team";
import { type TInviteMemberInput, ZInviteMemberInput } from "@/lib/team/schemas";

export function InviteDialog() {
  const { can } = useConsole();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const invite = useInviteMutation();
  const form = useForm<TInviteMemberInput>({ resolver: zodResolver(ZInviteMemberInput), defaultValues: { email: "", role: "developer" } });
  const { errors } = form.formState;
  const role = useWatch({ control: form.control, name: "role" });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setCreated(null);
      form.reset();
      invite.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden /> Invite teammate
        </Button>
      </DialogTrigger>
      <DialogContent
        title={created ? "Invitation created" : "Invite a teammate"}
        description={created ? undefined : "They get a link that works once and expires in 7 days."}
      >
        {created ? (
          <div className="space-y-4">
            <p className="text-sm text-zinc-700">
              Send this link to <strong>{created.email}</strong>
              {created.emailed ? " (we also emailed it)" : " — email is not configured on this Pigeon, so share it yourself"}:
            </p>
            <div className="flex items-center gap-2">
              <Input readOnly value={created.link} aria-label="Invitation link" className="font-mono text-xs" onFocus={(e) => e.target.select()} />
              <CopyButton value={created.link} />
            </div>
            <div className="flex justify-end">
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form
            className="space-y-4"
            noValidate
            onSubmit={form.handleSubmit(async (values) => {
              const result = await invite.mutateAsync(values).catch(() => null);
              if (result) {
                setCreated(result);
                toast.success(`Invitation for ${result.email} created`);
              }
            })}
          >
            <FormError message={invite.error?.message} />
            <Field label="Email" htmlFor="invite-email" error={errors.email?.message}>
              <Input id="invite-email" type="email" autoFocus aria-invalid={!!errors.email} {...form.register("email")} />
            </Field>
            <Field label="Role" htmlFor="invite-role" hint={roleDescriptions[role]}>
              <Select id="invite-role" {...form.register("role")}>
                {ROLES.filter((role) => can(role)).map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </Select>
            </Field>
            <div className="flex justify-end gap-2">
              <Button type="submit" disabled={invite.isPending}>
                {invite.isPending ? "Inviting…" : "Create invitation"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
