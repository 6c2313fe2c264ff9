"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasRole } from "@/lib/auth/roles";
import type { Role } from "@/lib/db";
import type { OrgLimits } from "@/lib/orgs/org-limits";

export interface ConsoleValue {
  user: { id: string; email: string; name: string };
  org: { id: string; name: string; limits: OrgLimits };
  role: Role;
  orgs: { id: string; name: string; role: Role }[];
}

const Context = createContext<ConsoleValue | null>(null);

export function ConsoleProvider({ value, children }: { value: ConsoleValue; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The console's value, or null outside the console (the customer portal). */
export function useOptionalConsole(): ConsoleValue | null {
  return useContext(Context);
}

/** The signed-in user, active organization and role; `can(role)` hides what the role may not do. */
export function useConsole() {
  const value = useContext(Context);
  if (!value) throw new Error("useConsole outside the console");
  return { ...value, can: (required: Role) => hasRole(value.role, required) };
}
