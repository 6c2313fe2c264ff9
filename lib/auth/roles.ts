import { z } from "zod";
import type { Role } from "@/lib/db";

// owner > admin > developer > viewer: each role can do everything the ones below it can.
export const ROLES = ["owner", "admin", "developer", "viewer"] as const satisfies readonly Role[];
export const ZRole = z.enum(ROLES);

const rank: Record<Role, number> = { owner: 3, admin: 2, developer: 1, viewer: 0 };

export function hasRole(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}

export const roleDescriptions: Record<Role, string> = {
  owner: "Everything, including removing other owners",
  admin: "Team, settings and API keys, plus everything a developer can do",
  developer: "Applications, endpoints, secrets, messages and resends",
  viewer: "Read-only; cannot reveal secrets",
};
