"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fetchJson } from "@/lib/queries/fetch-json";
import { type TSignUpInput, ZSignUpInput } from "@/lib/users/schemas";

export function SignUpForm({ invite }: { invite?: { token: string; email: string; orgName: string } }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<TSignUpInput>({
    resolver: zodResolver(ZSignUpInput),
    defaultValues: { name: "", email: invite?.email ?? "", password: "", organizationName: "", inviteToken: invite?.token },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await fetchJson("/api/console/signup", { method: "POST", body: JSON.stringify(values) });
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    if (result?.ok && !result.error) {
      router.replace("/dashboard");
      router.refresh();
    } else {
      router.replace("/login");
    }
  });

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Your name" errorLabel="Name" htmlFor="name" error={errors.name?.message}>
        <Input id="name" autoComplete="name" autoFocus aria-invalid={!!errors.name} {...form.register("name")} />
      </Field>
      <Field label="Work email" errorLabel="Email" htmlFor="email" error={errors.email?.message}>
        <Input id="email" type="email" autoComplete="email" readOnly={!!invite} aria-invalid={!!errors.email} {...form.register("email")} />
      </Field>
      <Field label="Password" htmlFor="password" error={errors.password?.message} hint="At least 10 characters.">
        <Input id="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} {...form.register("password")} />
      </Field>
      {invite ? null : (
        <Field
          label="Organization name"
          htmlFor="organizationName"
          error={errors.organizationName?.message}
          hint="Your company or team; you can rename it later."
        >
          <Input id="organizationName" autoComplete="organization" {...form.register("organizationName")} />
        </Field>
      )}
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Creating your account…" : invite ? `Create account and join ${invite.orgName}` : "Create account"}
      </Button>
    </form>
  );
}
