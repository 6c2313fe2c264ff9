import { parseArgs } from "node:util";
import { parsePollingToken } from "@/lib/polling/token-format";
import { DEFAULT_CONSUMER, defaultStatePath } from "./state";

export const usage = `usage: pigeon listen --forward-to <url> [--server <url>] [--token <token>] [--consumer <id>] [--state <file>]

  --forward-to <url>  where each event is POSTed, signed like a webhook (e.g. http://localhost:4000/webhooks)
  --server <url>      the Pigeon server (or PIGEON_SERVER)
  --token <token>     the polling endpoint's token, pgs_… (or PIGEON_TOKEN, which keeps it out of the process list)
  --consumer <id>     the consumer name the server shows for this listener (default ${DEFAULT_CONSUMER})
  --state <file>      where the last forwarded message is kept (default ~/.pigeon/listen-<endpoint id>.json)`;

export interface ListenOptions {
  server: URL;
  token: string;
  appId: string;
  endpointId: string;
  forwardTo: URL;
  consumer: string;
  statePath: string;
}

/** A mistake in the command line: the caller prints it with the usage and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

function httpUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} must be an http:// or https:// address (got "${value}")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`${what} must be an http:// or https:// address (got "${value}")`);
  return url;
}

const parse = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      server: { type: "string" },
      token: { type: "string" },
      "forward-to": { type: "string" },
      consumer: { type: "string" },
      state: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });

/** `args` are the words after the program (an optional leading `listen` included); `env` supplies PIGEON_SERVER and PIGEON_TOKEN. */
export function parseListenArgs(args: string[], env: Record<string, string | undefined>): ListenOptions | "help" {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    // node:util names the unknown option or the one missing its value, then gives advice
    // about "--" that does not apply here (listen takes no other words).
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const extra = positionals[0] === "listen" ? positionals.slice(1) : positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const server = values.server ?? env.PIGEON_SERVER;
  const token = values.token ?? env.PIGEON_TOKEN;
  if (!values["forward-to"]) throw new UsageError("--forward-to is required");
  if (!server) throw new UsageError("--server (or PIGEON_SERVER) is required");
  if (!token) throw new UsageError("--token (or PIGEON_TOKEN) is required");
  const names = parsePollingToken(token);
  if (!names) throw new UsageError("the token must be a polling endpoint's token (pgs_<app id>.<endpoint id>.<secret>), as creating the endpoint returned it");
  const consumer = values.consumer ?? DEFAULT_CONSUMER;
  // The server's rule for consumer ids, checked here to fail before connecting.
  if (!/^[a-zA-Z0-9\-_.]{1,256}$/.test(consumer)) throw new UsageError("--consumer may only contain letters, digits, '-', '_' and '.' (at most 256)");
  return {
    server: httpUrl(server, "--server"),
    token,
    ...names,
    forwardTo: httpUrl(values["forward-to"], "--forward-to"),
    consumer,
    statePath: values.state ?? defaultStatePath(names.endpointId, consumer),
  };
}
