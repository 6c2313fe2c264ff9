import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/utils";

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `The request body is larger than ${limit.toLocaleString("en-US")} bytes (${formatBytes(limit)})`);

/** The body as text, refusing (413) to read more than `maxBytes`. */
async function readText(request: Request, maxBytes?: number): Promise<string> {
  if (maxBytes === undefined || !request.body) return request.text();
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The request's JSON body; a missing or malformed body is a 400 with a readable message. */
export async function readJson(request: Request, options: { maxBytes?: number } = {}): Promise<unknown> {
  const text = await readText(request, options.maxBytes);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}
