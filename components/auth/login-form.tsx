"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeCallback } from "@/lib/auth/safe-callback";
import { type TLoginInput, ZLoginInput } from "@/lib/users/schemas";

export function LoginForm({
  callbackUrl,
  email,
  providers = [],
  initialError,
}: {
  callbackUrl: string;
  email?: string;
  providers?: { id: string; name: string }[];
  initialError?: string;
}) {
  const router = useRouter();
  const next = safeCallback(callbackUrl);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const form = useForm<TLoginInput>({ resolver: zodResolver(ZLoginInput), defaultValues: { email: email ?? "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(next);
      router.refresh();
    } else if (result?.status === 429) {
      setError("Too many failed sign-in attempts for this account. Wait a minute, then try again.");
    } else {
      setError("That email and password do not match an account.");
    }
  });

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Email" htmlFor="email" error={errors.email?.message}>
        <Input id="email" type="email" autoComplete="email" autoFocus aria-invalid={!!errors.email} {...form.register("email")} />
      </Field>
      <Field label="Password" htmlFor="password" error={errors.password?.message}>
        <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} {...form.register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
      {providers.map((provider) => (
        <Button key={provider.id} type="button" variant="secondary" className="w-full" onClick={() => signIn(provider.id, { callbackUrl: next })}>
          Continue with {provider.name}
        </Button>
      ))}
    </form>
  );
}
