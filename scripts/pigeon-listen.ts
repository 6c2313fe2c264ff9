// pigeon listen — forwards a polling endpoint's messages to an app on this machine, signed
// like webhooks, so a developer behind a firewall receives real events (scripts/lib/listen/).
// Exits 0 when stopped by SIGINT/SIGTERM (after the forward in flight), 1 when the server
// refuses what retrying cannot fix (token, endpoint), 2 on a mistake in the command line.
import { listen } from "./lib/listen/listen";
import { type ListenOptions, parseListenArgs, usage, UsageError } from "./lib/listen/options";

let options: ListenOptions | "help";
try {
  options = parseListenArgs(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`✖ ${error.message}\n${usage}`);
  process.exit(2);
}
if (options === "help") {
  console.log(usage);
  process.exit(0);
}

const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A second Ctrl-C does not wait for the app's answer.
    if (stop.signal.aborted) process.exit(130);
    console.log("Stopping after the message in flight (again to quit at once)…");
    stop.abort();
  });
}

try {
  await listen(options, stop.signal);
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exitCode = 1;
}
