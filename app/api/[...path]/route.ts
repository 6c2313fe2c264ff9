import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handle";

export const dynamic = "force-dynamic";

// Any method on an address under /api that no route serves — 404 as JSON, so clients get an error they can parse
const notFound = handle((request: Request) => {
  throw new AppError("not_found", `No API route at ${new URL(request.url).pathname}`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as HEAD, notFound as OPTIONS };
