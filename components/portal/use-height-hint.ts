"use client";

import { useEffect } from "react";

/**
 * Tells the page that frames the portal how tall it is, whenever that changes, so the host
 * can size its iframe: `{type: "pigeon-portal:height", height}`. Nothing when not framed.
 * The height is no secret, so any host may hear it (its origin was checked by frame-ancestors).
 */
export function useHeightHint() {
  useEffect(() => {
    if (window.parent === window) return;
    let last = -1;
    const send = () => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: "pigeon-portal:height", height }, "*");
    };
    const observer = new ResizeObserver(send);
    observer.observe(document.body);
    send();
    return () => observer.disconnect();
  }, []);
}
