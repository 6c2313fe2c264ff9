import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

export const PROVIDERS = ["sqlite", "postgres"] as const;

/**
 * One set of models serves both providers: prisma/models/*.prisma is copied next to each
 * provider's schema.prisma (prisma/<provider>/models, git-ignored), so that each folder is a
 * complete multi-file schema. Copies rather than symlinks: links do not survive every
 * checkout and archive tool.
 */
export function syncSchemaFolders(root: string, modelsDir = path.join(root, "prisma", "models"), target = path.join(root, "prisma")): void {
  for (const provider of PROVIDERS) {
    const dir = path.join(target, provider, "models");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(modelsDir)) {
      if (file.endsWith(".prisma")) cpSync(path.join(modelsDir, file), path.join(dir, file));
    }
  }
}
