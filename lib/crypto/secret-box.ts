import { env } from "@/lib/env";
import { type CipherBox, createCipherBox, loadEncryptionKey } from "./encryption";

let box: CipherBox | undefined;

/** Encrypts endpoint secrets at rest with PIGEON_ENCRYPTION_KEY (or the data folder's local key). */
export function secretBox(): CipherBox {
  const { PIGEON_ENCRYPTION_KEY, PIGEON_DATA_DIR } = env();
  box ??= createCipherBox(loadEncryptionKey({ configured: PIGEON_ENCRYPTION_KEY, dataDir: PIGEON_DATA_DIR }));
  return box;
}
