import { afterAll, beforeAll, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Store } from "../src/store/database.ts";
import { generateIntoStore } from "../src/store/generate.ts";
import { saveUser } from "../src/store/users.ts";
import { apiOn, as, sessionFor } from "./support/api.ts";
import { freshStore } from "./support/stores.ts";

/** The API reads a synthetic year as it reads real referrals: a generated advice is not a 500. */

let store: Store;
let done: () => Promise<void>;
let app: FastifyInstance;

beforeAll(async () => {
  ({ store, done } = await freshStore("pglite"));
  await generateIntoStore(store, { clients: 60, year: 2025, seed: 7 });
  app = await apiOn(store, "2025-06-01");
});
afterAll(async () => {
  await app.close();
  await done();
});

it("serves a generated referral, its client file and the allocations to the municipality's access team", async () => {
  const referral = await store.db
    .selectFrom("referral")
    .select(["id", "client_id", "municipality"])
    .executeTakeFirstOrThrow();
  await saveUser(store, {
    id: "toegang-gen",
    name: "T. Gen",
    role: "toegang",
    organisation: `gemeente:${referral.municipality}`,
    municipality: referral.municipality,
  });
  const session = await sessionFor(store, "toegang-gen");
  const one = await as(app, session, { method: "GET", url: `/api/v1/verwijzingen/${referral.id}` });
  expect(one.statusCode, one.body.slice(0, 300)).toBe(200);
  expect(one.json().advice.generated).toBe(true);
  const file = await as(app, session, { method: "GET", url: `/api/v1/clienten/${referral.client_id}` });
  expect(file.statusCode, file.body.slice(0, 300)).toBe(200);
  const list = await as(app, session, { method: "GET", url: "/api/v1/toewijzingen" });
  expect(list.statusCode).toBe(200);
  const deadlines = await as(app, session, { method: "GET", url: "/api/v1/termijnen" });
  expect(deadlines.statusCode).toBe(200);
});
