// npm run db:seed — a demo organization with an application, endpoints and messages.
import { createDb } from "@/lib/db";
import { seedApp, seedEndpoint, seedMessage, seedOrg } from "@/lib/seed/factories";
import { describeDatabase, envOrExit } from "./lib/cli";

const env = envOrExit();
const db = createDb(env.DATABASE_URL);
const org = await seedOrg(db, { name: "Acme (demo)" });
const app = await seedApp(db, org.id, { name: "Acme Billing", uid: `acme-billing-${Date.now()}` });
await seedEndpoint(db, app.id, { url: "https://example.com/webhooks/billing", filterTypes: ["invoice.paid", "invoice.failed"] });
await seedEndpoint(db, app.id, { url: "https://example.com/webhooks/all" });
for (const eventType of ["invoice.paid", "invoice.failed", "customer.created"]) {
  await seedMessage(db, app.id, { eventType, payload: { type: eventType, id: `obj_${Math.random().toString(36).slice(2, 10)}` } });
}
console.log(`✓ Seeded ${describeDatabase(env.DATABASE_URL)}: organization "${org.name}" (${org.id}), application ${app.id}`);
await db.$disconnect();
