// Every answer: no MIME sniffing, no framing by other sites, no referrer leaving the site
// (invitation links carry tokens), and a CSP that keeps scripts, styles, fonts and fetches
// on Pigeon's own origin (Next.js inlines its bootstrap scripts; dev mode also evals).
// HSTS only on answers that went out over https (a TLS-terminating proxy says so).
// next.config.ts applies them to what Next.js serves; the direct door (direct-routes.ts) to its own answers.
// (Relative imports only: next.config.ts loads this file before the "@/" alias exists.)

export function securityHeaders(dev: boolean): { key: string; value: string }[] {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Content-Security-Policy", value: csp },
  ];
}

export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };
