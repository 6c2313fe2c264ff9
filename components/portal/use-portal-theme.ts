"use client";

import { useEffect, useSyncExternalStore } from "react";

export type PortalTheme = "light" | "dark";
const FORCED_KEY = "pigeon-portal-theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";
let forced: { value: PortalTheme | null } | null = null;

/** `?theme=light|dark` in the link, kept for the tab's visit; else null (follow the system). */
function readForcedTheme(): PortalTheme | null {
  const asked = new URLSearchParams(window.location.search).get("theme");
  try {
    if (asked === "light" || asked === "dark") sessionStorage.setItem(FORCED_KEY, asked);
    const kept = asked ?? sessionStorage.getItem(FORCED_KEY);
    return kept === "light" || kept === "dark" ? kept : null;
  } catch {
    // A framed page may be denied storage: the link's choice then lasts until the next full load.
    return asked === "light" || asked === "dark" ? asked : null;
  }
}

function currentTheme(): PortalTheme {
  forced ??= { value: readForcedTheme() };
  return forced.value ?? (window.matchMedia(DARK_QUERY).matches ? "dark" : "light");
}

function subscribeToSystemTheme(onChange: () => void) {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * The portal's theme on the root element (`data-portal-theme`, which portal.css reads), so
 * dialogs and menus rendered outside the portal's own tree take it too, and the brand's
 * primary color as `--portal-primary`. Both are removed when the portal unmounts.
 */
export function usePortalTheme(primaryColor: string | null | undefined) {
  const theme = useSyncExternalStore(subscribeToSystemTheme, currentTheme, () => "light" as const);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.portalTheme = theme;
    root.style.colorScheme = theme;
    return () => {
      delete root.dataset.portalTheme;
      root.style.colorScheme = "";
    };
  }, [theme]);

  useEffect(() => {
    const root = document.documentElement;
    // The server accepts only #rrggbb; anything else keeps Pigeon's own color.
    if (primaryColor && /^#[0-9a-f]{6}$/i.test(primaryColor)) root.style.setProperty("--portal-primary", primaryColor);
    return () => {
      root.style.removeProperty("--portal-primary");
    };
  }, [primaryColor]);

  return theme;
}
