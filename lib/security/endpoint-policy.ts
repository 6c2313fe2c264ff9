import { env } from "@/lib/env";
import { type AllowList, checkEndpointUrl, parseAllowedNetworks } from "./network-policy";

let allowList: AllowList | undefined;

/** The operator's allow-list (PIGEON_ALLOWED_NETWORKS), parsed once. */
export function allowedNetworks(): AllowList {
  allowList ??= parseAllowedNetworks(env().PIGEON_ALLOWED_NETWORKS);
  return allowList;
}

/** The URL rules every endpoint must meet when it is saved (and again at connect time). */
export function checkUrlPolicy(url: string): Promise<void> {
  return checkEndpointUrl(url, { httpsOnly: env().PIGEON_HTTPS_ONLY, allow: allowedNetworks() });
}
