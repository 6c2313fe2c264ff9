// Every answer: no MIME sniffing, no framing by other sites (the customer portal's pages
// excepted: portalFrameHeaders, set by the request guard), no referrer leaving the site
// (invitation links carry tokens), and a CSP that keeps scripts, styles, fonts and fetches
// on Pigeon's own origin (Next.js inlines its bootstrap scripts; dev mode also evals).
// HSTS only on answers that went out over https (a TLS-terminating proxy says so).
// next.config.ts applies them to what Next.js serves; the direct door (direct-routes.ts) to its own answers.
// (Relative imports only: next.config.ts loads this file before the "@/" alias exists.)

function contentSecurityPolicy(dev: boolean, { frameAncestors = "'none'", images = "" } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${images}`,
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(dev: boolean): { key: string; value: string }[] {
  const csp = contentSecurityPolicy(dev);
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Content-Security-Policy", value: csp },
  ];
}

/**
 * What the customer portal's pages carry instead: framing allowed to Pigeon itself and to
 * the organization's own origins (validated when saved), and its logo from any https URL.
 */
export function portalFrameHeaders(dev: boolean, origins: string[]): Record<string, string | null> {
  return {
    "x-frame-options": null,
    "content-security-policy": contentSecurityPolicy(dev, { frameAncestors: ["'self'", ...origins].join(" "), images: " https:" }),
  };
}

export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };
