import type { NextConfig } from "next";
import { HSTS, securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The container image ships only the traced server (.next-standalone/standalone); `npm
  // start` and the tests run `next start` on the full build in .next, so the two coexist.
  output: process.env.PIGEON_STANDALONE ? "standalone" : undefined,
  distDir: process.env.PIGEON_STANDALONE ? ".next-standalone" : ".next",
  // `npm run typecheck` (part of `npm test`) checks the whole project; `npm start` need not.
  typescript: { ignoreBuildErrors: true },
  // Native addons load at run time instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "ws"],
  // Pigeon's own files (migrations) are read at run time by /api/ready and `npm start`.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/*/migrations/**/*"] },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders(process.env.NODE_ENV === "development") },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [HSTS],
      },
    ];
  },
};

export default nextConfig;
