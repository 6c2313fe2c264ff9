// npm run db:generate (also run after every npm install): the Prisma clients of both providers.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { PROVIDERS, syncSchemaFolders } from "./lib/schema-folders";

const root = path.resolve(import.meta.dirname, "..");
syncSchemaFolders(root);
for (const provider of PROVIDERS) {
  execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", path.join("prisma", provider)], {
    cwd: root,
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
}
