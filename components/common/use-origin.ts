"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * The address this console is served from, for code samples and URLs to copy. The server
 * renders a placeholder; the browser then shows its own origin (the address the API answers at).
 */
export function useOrigin(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.origin,
    () => "https://pigeon.example.com",
  );
}
