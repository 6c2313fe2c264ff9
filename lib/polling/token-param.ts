import { isPollingToken } from "./token-format";

/**
 * A browser's EventSource cannot send headers, so the stream also takes a polling
 * endpoint's token as `?token=`; it becomes the Authorization header. Only a polling token
 * (read-only, one endpoint) is taken this way: an API key in an address ends up in logs.
 */
export function withTokenParam(request: Request): Request {
  const token = new URL(request.url).searchParams.get("token");
  if (!token || request.headers.has("authorization") || !isPollingToken(token)) return request;
  const headers = new Headers(request.headers);
  headers.set("authorization", `Bearer ${token}`);
  return new Request(request, { headers });
}
