import "server-only";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { type CipherBox, createCipherBox, loadEncryptionKey } from "./encryption";

// What Pigeon stores encrypted, and the context each value is bound to (its row): endpoint
// signing secrets and endpoint custom headers. Every write and read of them goes through here.

let box: CipherBox | undefined;

/** The cipher of PIGEON_ENCRYPTION_KEY (or the data folder's local key). */
export function secretBox(): CipherBox {
  const { PIGEON_ENCRYPTION_KEY, PIGEON_DATA_DIR } = env();
  box ??= createCipherBox(loadEncryptionKey({ configured: PIGEON_ENCRYPTION_KEY, dataDir: PIGEON_DATA_DIR }));
  return box;
}

type SecretRow = { id: string; endpointId: string };
const secretContext = (row: SecretRow) => `endpoint-secret:${row.endpointId}/${row.id}`;
const headersContext = (endpointId: string) => `endpoint-headers:${endpointId}`;

/** An EndpointSecret row's id (a new one unless given) and ciphertext for the signing secret `key` ("whsec_…"). */
export function sealEndpointSecret(endpointId: string, key: string, id: string = newId("secret")): { id: string; ciphertext: string } {
  return { id, ciphertext: secretBox().encrypt(key, secretContext({ id, endpointId })) };
}

/** The signing secret ("whsec_…") an EndpointSecret row holds; throws when it cannot be decrypted. */
export function openEndpointSecret(row: SecretRow & { ciphertext: string }): string {
  return secretBox().decrypt(row.ciphertext, secretContext(row));
}

/** The value of Endpoint.headers for these custom headers: their ciphertext, as a JSON string. */
export function sealEndpointHeaders(endpointId: string, headers: Record<string, string>): string {
  return secretBox().encrypt(JSON.stringify(headers), headersContext(endpointId));
}

/**
 * An endpoint's custom headers from its stored Endpoint.headers: a JSON string is their
 * ciphertext; an object is a row written before headers were encrypted, which the
 * migrations encrypt (lib/crypto/upgrade-stored-secrets.ts). Throws when it cannot be decrypted.
 */
export function openEndpointHeaders(endpoint: { id: string; headers: unknown }): Record<string, string> {
  const stored = endpoint.headers;
  if (typeof stored === "string") return JSON.parse(secretBox().decrypt(stored, headersContext(endpoint.id))) as Record<string, string>;
  return stored !== null && typeof stored === "object" ? (stored as Record<string, string>) : {};
}
