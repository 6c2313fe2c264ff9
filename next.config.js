// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run typecheck` (part of `npm test`) checks the whole project; `npm start` need not.
  typescript: { ignoreBuildErrors: true },
  // Native addons load at run time instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2"],
  // Pigeon's own files (migrations) are read at run time by /api/ready and `npm start`.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/*/migrations/**/*"] },
};

export default nextConfig;
