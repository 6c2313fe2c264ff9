# syntax=docker/dockerfile:1
# Pigeon: one image for the web app, the delivery workers and the one-shot migration.
#
#   docker build -t pigeon .                       # the runtime image (web and workers)
#   docker build -t pigeon-migrate --target migrate .
#   docker compose up                               # PostgreSQL, migrate, web, workers
#
# Stages: deps (npm ci, native addons compiled) → build (Next.js standalone output) →
# runtime (the standalone server only, non-root). The `migrate` target keeps the full
# toolchain for `npm run db:migrate`, which needs the Prisma CLI.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts tsconfig.json ./
COPY prisma ./prisma
COPY scripts ./scripts
# postinstall generates both Prisma clients into lib/generated.
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1 PIGEON_STANDALONE=1
COPY . .
RUN npm run db:generate && npx next build

# The one-shot migration step (compose: service "migrate").
FROM build AS migrate
ENV NODE_ENV=production
CMD ["npm", "run", "db:migrate"]

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
# NEXT_MANUAL_SIG_HANDLE: on SIGTERM Pigeon (instrumentation.ts) finishes and records the
# attempts in flight before exiting, instead of Next.js exiting at once.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 \
    NEXT_MANUAL_SIG_HANDLE=true PIGEON_DATA_DIR=/app/data
RUN groupadd --system pigeon && useradd --system --gid pigeon --home /app pigeon \
  && mkdir -p /app/data && chown pigeon:pigeon /app/data
COPY --from=build --chown=pigeon:pigeon /app/.next-standalone/standalone ./
COPY --from=build --chown=pigeon:pigeon /app/.next-standalone/static ./.next-standalone/static
USER pigeon
EXPOSE 3000
# Web processes run with PIGEON_WORKER=false; worker processes are the same server with
# PIGEON_WORKER=true, not published, still answering /api/health.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
