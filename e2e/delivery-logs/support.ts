import { expect, type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import { createDb } from "../../lib/db";
import { newId } from "../../lib/ids";
import type { Answer } from "../../tests/support/receiver";
import { api } from "../apps/helpers";

/** A receiver's answer with a JSON body. */
export const jsonAnswer = (status: number, body: unknown): Answer => ({ status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** An API client authenticated with a new developer key of the page's organization. */
export async function apiWithKey(page: Page, baseURL: string): Promise<APIRequestContext> {
  const { key } = await api<{ key: string }>(page.request, "POST", "/api/console/api-keys", { name: "E2E sender", role: "developer" });
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
}

export async function post<T>(client: APIRequestContext, url: string, data: unknown): Promise<T> {
  const response = await client.post(url, { data });
  expect(response.ok(), `POST ${url} → ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** The browser suite's own database (the server's DATABASE_URL in playwright.config.ts). */
export const e2eDb = () => createDb("file:.e2e-data/e2e.db");

/**
 * Failed deliveries made in the past, straight into the database: a message, its delivery
 * given up after one failed attempt (HTTP 500), dated `at` through its ids and createdAt.
 */
export async function seedExhaustedDeliveries(appId: string, endpointId: string, url: string, times: Date[], eventType = "order.created") {
  const db = e2eDb();
  const ids: string[] = [];
  try {
    for (const [i, at] of times.entries()) {
      const time = at.getTime();
      const payload = JSON.stringify({ orderId: `ord_${1000 + i}`, total: 1999 + i, currency: "EUR" });
      const message = await db.message.create({
        data: { id: newId("message", time), appId, eventType, payload, payloadSize: Buffer.byteLength(payload), createdAt: at },
      });
      ids.push(message.id);
      const delivery = await db.delivery.create({
        data: {
          id: newId("delivery", time),
          messageId: message.id,
          endpointId,
          appId,
          status: "exhausted",
          attempts: 1,
          nextAttemptAt: null,
          lastAttemptAt: at,
          lastStatusCode: 500,
          createdAt: at,
        },
      });
      await db.attempt.create({
        data: {
          id: newId("attempt", time + 50),
          deliveryId: delivery.id,
          messageId: message.id,
          endpointId,
          appId,
          number: 1,
          trigger: "scheduled",
          succeeded: false,
          url,
          requestHeaders: { "content-type": "application/json", "webhook-id": message.id },
          responseStatus: 500,
          responseHeaders: { "content-type": "text/plain" },
          responseBody: "upstream unavailable",
          durationMs: 40 + i,
          errorKind: "http_status",
          createdAt: new Date(time + 50),
        },
      });
    }
  } finally {
    await db.$disconnect();
  }
  return ids;
}

/** Per-minute attempt counters for the health chart: `perHour(hoursAgo)` → [attempts, failures]. */
export async function seedEndpointStats(endpointId: string, hours: number, perHour: (hoursAgo: number) => [number, number]) {
  const db = e2eDb();
  try {
    const now = Date.now();
    for (let h = 0; h < hours; h++) {
      const [attempts, failures] = perHour(h);
      if (!attempts) continue;
      const minute = new Date(Math.floor((now - h * 3600_000) / 60_000) * 60_000 - 30 * 60_000);
      await db.endpointStat.upsert({
        where: { endpointId_minute: { endpointId, minute } },
        create: { endpointId, minute, attempts, failures },
        update: { attempts, failures },
      });
    }
  } finally {
    await db.$disconnect();
  }
}
