// A worker thread that runs a TypeScript module (workerData.module, a file URL) the way
// the process that started it runs its own: through tsx, with the project's path aliases.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
