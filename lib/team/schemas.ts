import { z } from "zod";
import { ZRole } from "@/lib/auth/roles";
import { ZEmail } from "@/lib/users/schemas";

export const ZInviteMemberInput = z.object({ email: ZEmail, role: ZRole });
export type TInviteMemberInput = z.infer<typeof ZInviteMemberInput>;

export const ZChangeRoleInput = z.object({ role: ZRole });
export type TChangeRoleInput = z.infer<typeof ZChangeRoleInput>;

export const ZCreateOrganizationInput = z.object({ name: z.string().trim().min(1, "is required").max(100) });
export type TCreateOrganizationInput = z.infer<typeof ZCreateOrganizationInput>;
