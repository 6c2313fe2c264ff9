// `import "server-only"` marks a module that must never reach the browser: Next.js refuses
// to build a client component that imports one (it handles the specifier itself). Outside
// Next.js — scripts run with tsx, the tests — the specifier resolves here (tsconfig paths,
// vitest alias) and does nothing. The roots of every server capability carry the mark
// (database, plain SQL, the secret box, sessions, email, logs); whatever reaches them is
// server-only too. lib/env.ts and what it imports carry none: Prisma's own config loader
// (prisma.config.ts) reads them without tsconfig paths.
export {};
