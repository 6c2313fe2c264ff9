import { z } from "zod";

// Shared by the API and the forms, so nothing here may import server-only code.

export const ZPassword = z.string().min(10, "must be at least 10 characters").max(200, "must be at most 200 characters");

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email("must be a valid email address")).pipe(z.string().max(254));

export const ZSignUpInput = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  email: ZEmail,
  password: ZPassword,
  organizationName: z.string().trim().max(100).optional(),
  inviteToken: z.string().max(200).optional(),
});
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZLoginInput = z.object({ email: ZEmail, password: z.string().min(1, "is required").max(200) });
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZChangePasswordInput = z.object({ currentPassword: z.string().min(1, "is required"), newPassword: ZPassword });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

export const ZName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");

/** The profile's changes: a name, an email (which needs the current password), or both. */
export const ZUpdateProfileInput = z
  .object({ name: ZName.optional(), email: ZEmail.optional(), currentPassword: z.string().max(200).optional() })
  .refine((data) => data.name !== undefined || data.email !== undefined, { message: "Send a name or an email to change" });
export type TUpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;

export const ZForgotPasswordInput = z.object({ email: ZEmail });
export type TForgotPasswordInput = z.infer<typeof ZForgotPasswordInput>;

export const ZResetPasswordInput = z.object({ token: z.string().min(1, "is required").max(200, "is not a reset token"), newPassword: ZPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;
