// @ts-check
/* global process */

// Every answer: no MIME sniffing, no framing by other sites, no referrer leaving the site
// (invitation links carry tokens), and a CSP that keeps scripts, styles, fonts and fetches
// on Pigeon's own origin (Next.js inlines its bootstrap scripts; dev mode also evals).
// HSTS only on answers that went out over https (a TLS-terminating proxy says so).
const dev = process.env.NODE_ENV === "development";
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
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Content-Security-Policy", value: csp },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The container image ships only the traced server (.next-standalone/standalone); `npm
  // start` and the tests run `next start` on the full build in .next, so the two coexist.
  output: process.env.PIGEON_STANDALONE ? "standalone" : undefined,
  distDir: process.env.PIGEON_STANDALONE ? ".next-standalone" : ".next",
  // `npm run typecheck` (part of `npm test`) checks the whole project; `npm start` need not.
  typescript: { ignoreBuildErrors: true },
  // Native addons load at run time instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2"],
  // Pigeon's own files (migrations) are read at run time by /api/ready and `npm start`.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/*/migrations/**/*"] },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
