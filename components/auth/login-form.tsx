"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeCallback } from "@/lib/auth/safe-callback";
import { fieldMessage } from "@/lib/forms/errors";
import { type TLoginInput, ZLoginInput } from "@/lib/users/schemas";

export function LoginForm({
  callbackUrl,
  email,
  providers = [],
  initialError,
  notice,
  forgotPassword = false,
}: {
  callbackUrl: string;
  email?: string;
  providers?: { id: string; name: string }[];
  initialError?: string;
  /** Good news to show above the form, e.g. after a password reset. */
  notice?: string;
  /** Offer "Forgot password?" (only when Pigeon can send email). */
  forgotPassword?: boolean;
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
      {notice && !error ? (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </div>
      ) : null}
      <FormError message={error} />
      <Field label="Email" htmlFor="email" error={fieldMessage("Email", errors.email?.message)}>
        <Input id="email" type="email" autoComplete="email" autoFocus aria-invalid={!!errors.email} {...form.register("email")} />
      </Field>
      <Field label="Password" htmlFor="password" error={fieldMessage("Password", errors.password?.message)}>
        <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} {...form.register("password")} />
      </Field>
      {forgotPassword ? (
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Forgot password?
          </Link>
        </p>
      ) : null}
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
