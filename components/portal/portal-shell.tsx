"use client";

import { LogOut } from "lucide-react";
import { type ReactNode, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { AppScopeProvider } from "@/components/common/app-scope";
import { AppTabs } from "@/components/common/app-tabs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { type PortalSession, useExchangePortalTokenMutation, usePortalLogoutMutation, usePortalSessionQuery } from "@/lib/queries/portal-sessions";
import { PortalMessage } from "./portal-message";
import { portalScope } from "./portal-scope";
import { useHeightHint } from "./use-height-hint";
import { usePortalTheme } from "./use-portal-theme";

const subscribe = () => () => {};
let linkToken: { value: string | null } | null = null;

/** The token of the link that opened this page (`#token=…`), read once per page load. The fragment never reached the server. */
function readLinkToken(): string | null {
  linkToken ??= { value: new URLSearchParams(window.location.hash.slice(1)).get("token") };
  return linkToken.value;
}

/**
 * Takes the token out of the address bar, so it is neither bookmarked nor shared with a copy
 * of the address. In an effect, after the router has written its first history entry (which
 * still carries the fragment); the router follows this replaceState.
 */
function useForgetLinkToken(token: string | null) {
  useEffect(() => {
    if (token && window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }, [token]);
}

function BrandMark({ session }: { session: PortalSession }) {
  const name = session.branding.displayName || session.orgName;
  const [logoFailed, setLogoFailed] = useState(false);
  return (
    <div className="flex min-w-0 items-center gap-3">
      {session.branding.logoUrl && !logoFailed ? (
        // The organization's own logo, from wherever it is hosted: not something Next can optimize.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={session.branding.logoUrl} alt={name} className="h-8 w-auto max-w-32 shrink-0 object-contain" onError={() => setLogoFailed(true)} />
      ) : (
        <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-md bg-brand-600 text-sm font-semibold text-white">
          {name.charAt(0).toUpperCase()}
        </span>
      )}
      <div className="min-w-0">
        <p className="truncate text-sm font-semibold text-zinc-900">{name}</p>
        <p className="truncate text-xs text-zinc-500">Webhooks for {session.appName}</p>
      </div>
    </div>
  );
}

function PortalHeader({ session, logout }: { session: PortalSession; logout: ReturnType<typeof usePortalLogoutMutation> }) {
  return (
    <header className="border-b border-zinc-200 bg-surface">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3 md:px-8">
        <BrandMark session={session} />
        <div className="flex shrink-0 items-center gap-2">
          {session.readOnly ? <Badge>Read-only</Badge> : null}
          <Button
            variant="ghost"
            size="sm"
            disabled={logout.isPending}
            onClick={() => logout.mutateAsync().catch((error: Error) => toast.error(error.message))}
          >
            <LogOut className="size-4" aria-hidden /> <span className="hidden sm:inline">Sign out</span>
          </Button>
        </div>
      </div>
    </header>
  );
}

/**
 * The customer portal's frame: exchanges the link's token for the session cookie (or reads
 * the cookie's session), applies the organization's branding and theme, and gives the pages
 * below the portal's scope: links under /portal/{app} and the session's capabilities.
 */
export function PortalShell({ appId, children }: { appId: string; children: ReactNode }) {
  const mounted = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const [token] = useState(() => (typeof window === "undefined" ? null : readLinkToken()));
  useForgetLinkToken(token);
  const exchange = useExchangePortalTokenMutation();
  const exchanged = useRef(false);
  useEffect(() => {
    if (!token || exchanged.current) return;
    exchanged.current = true;
    exchange.mutate(token);
  }, [token, exchange]);
  const session = usePortalSessionQuery(mounted && !token);
  const logout = usePortalLogoutMutation();
  const current = session.data;
  usePortalTheme(current?.branding.primaryColor);
  useHeightHint();
  const scope = useMemo(() => (current ? portalScope(appId, current) : null), [appId, current]);

  if (!mounted || exchange.isPending || (token && exchange.isIdle) || (!token && session.isPending)) {
    return (
      <PortalMessage title="Opening…" busy>
        Checking your link.
      </PortalMessage>
    );
  }
  if (exchange.isError || session.isError) {
    return <PortalMessage title="The portal could not be opened">{(exchange.error ?? session.error)?.message} Try again in a moment.</PortalMessage>;
  }
  if (logout.isSuccess) return <PortalMessage title="Signed out">Open your link again to come back.</PortalMessage>;
  if (!current || !scope) {
    return <PortalMessage title="This link has expired or was revoked — ask for a new one">Links to this page work for a limited time only.</PortalMessage>;
  }
  if (current.appId !== appId && current.appUid !== appId) {
    return <PortalMessage title="This link is for another application — ask for a new one">Your session does not cover this page.</PortalMessage>;
  }
  return (
    <AppScopeProvider value={scope}>
      <div className="min-h-screen bg-zinc-50 text-zinc-900">
        <PortalHeader session={current} logout={logout} />
        <main className="mx-auto max-w-6xl px-4 py-6 md:px-8">
          <AppTabs appId={appId} />
          {children}
        </main>
      </div>
    </AppScopeProvider>
  );
}
