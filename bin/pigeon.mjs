#!/usr/bin/env node
/* global console, process, URL */
// `npx pigeon listen …`: the commands a developer runs beside their own app. They are
// TypeScript, compiled on import by tsx with this repository's tsconfig (its `@/` paths),
// wherever the command is run from.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });

const [command] = process.argv.slice(2);
if (command === "listen") {
  await import("../scripts/pigeon-listen.ts");
} else {
  const { usage } = await import("../scripts/lib/listen/options.ts");
  const help = command === "--help" || command === "-h" || command === "help";
  if (help) console.log(usage);
  else console.error(`✖ ${command === undefined ? "a command is needed" : `unknown command "${command}"`}\n${usage}`);
  process.exitCode = help ? 0 : 2;
}
