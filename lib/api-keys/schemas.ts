import { z } from "zod";

export const ZCreateApiKeyInput = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  role: z.enum(["admin", "developer", "viewer"]).default("developer"),
});
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;
export type CreateApiKeyInput = z.output<typeof ZCreateApiKeyInput>;
