import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect } from "@playwright/test";
import { post } from "../delivery-logs/support";

/** A portal link made by the operator's backend, as the svix SDK's appPortalAccess makes it. */
export async function portalLink(client: APIRequestContext, appId: string, body: Record<string, unknown> = {}) {
  const link = await post<{ url: string; token: string }>(client, `/api/v1/auth/app-portal-access/${appId}`, body);
  expect(link.url).toMatch(new RegExp(`/portal/${appId}#token=`));
  return link;
}

/**
 * The operator's own site on another local origin: one page framing the portal link, which
 * sizes the iframe from the portal's height hint and notes the last hint it heard.
 */
export async function startHostPage(link: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const html = `<!doctype html>
<html><head><title>Host</title></head><body>
<h1>Operator dashboard</h1>
<iframe id="portal" title="Webhooks portal" src="${link}" style="width:100%;border:0" height="200"></iframe>
<script>
  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "pigeon-portal:height") {
      document.getElementById("portal").style.height = event.data.height + "px";
      document.body.dataset.portalHeight = String(event.data.height);
    }
  });
</script>
</body></html>`;
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // "localhost" is another origin (and site) than the suite's 127.0.0.1.
  return { origin: `http://localhost:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
