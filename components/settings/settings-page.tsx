"use client";

import { useState } from "react";
import { useConsole } from "@/components/common/console-context";
import { Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { QueryContent } from "@/components/ui/query-content";
import { useAppsQuery } from "@/lib/queries/apps";
import { useDeliverySettingsQuery } from "@/lib/queries/settings";
import { LimitsCard } from "./limits-card";
import { OrganizationCard } from "./organization-card";
import { PortalSettingsCard } from "./portal-settings-card";
import { SettingsForm } from "./settings-form";

export function SettingsPage() {
  const { can } = useConsole();
  const [appId, setAppId] = useState<string | null>(null);
  const apps = useAppsQuery();
  const settings = useDeliverySettingsQuery(appId);
  const appList = apps.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <div className="max-w-4xl">
      <PageHeader
        title="Delivery settings"
        description="How hard Pigeon tries, when it stops sending to an endpoint that keeps failing, and how long it keeps payloads. Set them for the organization, and override delivery for one application."
        actions={
          <Select aria-label="Settings for" value={appId ?? ""} onChange={(e) => setAppId(e.target.value || null)} className="w-64">
            <option value="">The whole organization</option>
            {appList.map((app) => (
              <option key={app.id} value={app.id}>
                Application: {app.name}
              </option>
            ))}
          </Select>
        }
      />
      {appId ? null : <OrganizationCard />}
      <QueryContent query={settings}>
        {(data) => (
          <>
            <SettingsForm key={appId ?? "organization"} settings={data} appId={appId} editable={can(appId ? "developer" : "admin")} />
            {appId ? null : (
              <div className="mt-6">
                <PortalSettingsCard settings={data.portal} editable={can("admin")} />
              </div>
            )}
            {appId ? null : <LimitsCard />}
          </>
        )}
      </QueryContent>
    </div>
  );
}
