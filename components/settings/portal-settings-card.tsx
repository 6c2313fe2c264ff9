"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { applyServerErrors } from "@/lib/forms/errors";
import {
  PORTAL_FORM_FIELDS,
  portalSettingsFormValues,
  type PortalSettingsFormValues,
  toPortalSettings,
  ZPortalSettingsForm,
} from "@/lib/forms/portal-settings-form";
import { type DeliverySettings, useUpdateDeliverySettingsMutation } from "@/lib/queries/settings";

const DEFAULT_COLOR = "#4f46e5";

/** Settings → Customer portal: the name, logo and color customers see, and the sites that may frame it (admins). */
export function PortalSettingsCard({ settings, editable }: { settings: DeliverySettings["portal"]; editable: boolean }) {
  const update = useUpdateDeliverySettingsMutation(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PortalSettingsFormValues>({
    resolver: zodResolver(ZPortalSettingsForm),
    mode: "onChange",
    defaultValues: portalSettingsFormValues(settings),
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const color = useWatch({ control: form.control, name: "primaryColor" });
  const validColor = /^#[0-9a-fA-F]{6}$/.test(color) ? color : null;

  const save = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({ portal: toPortalSettings(values) });
      form.reset(portalSettingsFormValues(saved.portal));
      toast.success("Portal settings saved");
    } catch (failure) {
      // The API names these fields portal.displayName, …
      const message = (failure as Error).message.replace(/(^|; )portal\./g, "$1");
      setFormError(applyServerErrors(message, PORTAL_FORM_FIELDS, form.setError));
    }
  });

  return (
    <form noValidate onSubmit={save} aria-labelledby="portal-settings-title">
      <Card className="p-6">
        <h2 id="portal-settings-title" className="text-base font-semibold">
          Customer portal
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          What your customers see when they open their portal link: your name, logo and color. Leave a field empty to show your organization&apos;s name and
          Pigeon&apos;s colors.
        </p>
        <fieldset disabled={!editable} className="mt-4 grid min-w-0 gap-4 sm:grid-cols-2">
          <Field label="Display name" htmlFor="portal-display-name" error={errors.displayName?.message}>
            <Input id="portal-display-name" placeholder="Acme Inc." aria-invalid={!!errors.displayName} {...form.register("displayName")} />
          </Field>
          <Field label="Primary color" htmlFor="portal-primary-color" error={errors.primaryColor?.message}>
            <div className="flex items-center gap-2">
              <input
                type="color"
                aria-label="Pick the primary color"
                className="h-9 w-12 shrink-0 cursor-pointer rounded-md border border-zinc-300 bg-surface p-1"
                value={validColor ?? DEFAULT_COLOR}
                onChange={(e) => form.setValue("primaryColor", e.target.value, { shouldDirty: true, shouldValidate: true })}
              />
              <Input
                id="portal-primary-color"
                className="font-mono"
                placeholder={DEFAULT_COLOR}
                aria-invalid={!!errors.primaryColor}
                {...form.register("primaryColor")}
              />
            </div>
          </Field>
          <div className="sm:col-span-2">
            <Field label="Logo URL" htmlFor="portal-logo-url" error={errors.logoUrl?.message} hint="An https:// address of an image, or a data:image/… URL.">
              <Input id="portal-logo-url" placeholder="https://example.com/logo.svg" aria-invalid={!!errors.logoUrl} {...form.register("logoUrl")} />
            </Field>
          </div>
          <div className="sm:col-span-2">
            <Field
              label="Allowed frame origins"
              htmlFor="portal-frame-ancestors"
              errorLabel="Origin"
              error={errors.frameAncestors?.message}
              hint="Sites that may show the portal in an iframe, one origin per line, such as https://app.example.com. Any other site is refused."
            >
              <Textarea
                id="portal-frame-ancestors"
                rows={3}
                aria-invalid={!!errors.frameAncestors}
                className="font-mono"
                placeholder="https://app.example.com"
                {...form.register("frameAncestors")}
              />
            </Field>
          </div>
        </fieldset>
        <div className="mt-4 space-y-3">
          <FormError message={formError} />
          {editable ? (
            <div className="flex justify-end">
              <Button type="submit" disabled={isSubmitting || !isDirty}>
                {isSubmitting ? "Saving…" : "Save portal settings"}
              </Button>
            </div>
          ) : (
            <p className="text-sm text-zinc-500">Only admins can change the portal&apos;s settings.</p>
          )}
        </div>
      </Card>
    </form>
  );
}
