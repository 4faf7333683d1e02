import { afterAll, beforeAll, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../src/server/app.ts";
import type { Store } from "../src/store/database.ts";
import { type AccessWorld, buildAccessWorld } from "./support/access-world.ts";
import { as, sessionFor } from "./support/api.ts";
import { freshStore } from "./support/stores.ts";

/** Searching by BSN and break-glass are limited per client address: trying BSNs one after another stops. */

let store: Store;
let done: () => Promise<void>;
let app: FastifyInstance;
let world: AccessWorld;

beforeAll(async () => {
  ({ store, done } = await freshStore("pglite"));
  world = await buildAccessWorld(store);
  app = await buildServer({
    store,
    today: () => "2026-06-01",
    searchRateLimit: { max: 2, timeWindowMs: 60_000 },
  });
});
afterAll(async () => {
  await app.close();
  await done();
});

it("answers 429 with problem details after the search limit; each limited route counts on its own", async () => {
  const session = await sessionFor(store, "toegang-tilburg");
  const search = () =>
    as(app, session, { method: "POST", url: "/api/v1/clienten/zoeken", payload: { bsn: world.bsn.A } });
  const codes = [(await search()).statusCode, (await search()).statusCode];
  const third = await search();
  expect([...codes, third.statusCode]).toEqual([200, 200, 429]);
  expect(third.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(third.json().title).toBe("Te veel verzoeken");
  const glass = await as(app, session, {
    method: "POST",
    url: "/api/v1/clienten/noodtoegang",
    payload: { bsn: world.bsn.B, reden: "crisis, direct hulp nodig" },
  });
  expect(glass.statusCode).toBe(200);
  // The file of another route is not limited by the searches.
  expect((await as(app, session, { method: "GET", url: `/api/v1/clienten/${world.id.A}` })).statusCode).toBe(
    200,
  );
});
