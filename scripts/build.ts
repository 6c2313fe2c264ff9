// npm run build — the production build.
import { build } from "./lib/build-if-needed";

build(process.cwd());
