// @ts-check
/* global process */

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
};

export default nextConfig;
