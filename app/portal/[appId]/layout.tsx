import "../portal.css";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PortalShell } from "@/components/portal/portal-shell";

export const dynamic = "force-dynamic";

// The customer portal: no console sidebar and no sign-in; its link's token is its session.
export const metadata: Metadata = { title: { default: "Webhooks", template: "%s · Webhooks" }, robots: { index: false, follow: false } };

export default async function PortalLayout({ params, children }: { params: Promise<{ appId: string }>; children: ReactNode }) {
  const { appId } = await params;
  return <PortalShell appId={appId}>{children}</PortalShell>;
}
