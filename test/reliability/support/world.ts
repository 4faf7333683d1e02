import type { Store } from "../../../src/store/database.ts";
import { seedDemoUsers } from "../../../src/store/demo-users.ts";
import { addProvider } from "../../../src/store/registry.ts";
import { sessionFor } from "../../support/api.ts";
import type { Engine } from "../../support/stores.ts";
import { BATCH_PROVIDER, BATCH_REGION } from "../../support/write-batch.ts";
import { demoLogin, type WebSession } from "./server-process.ts";

/**
 * What the web-write tests put in the registry before a server starts: the provider of the crash-safety
 * batch (test/support/write-batch.ts, whose `batchItem(i)` gives consecutive non-overlapping weeks) with
 * its contract, and the demo users.
 */
export async function addBatchProvider(store: Store): Promise<void> {
  await addProvider(store, {
    agb: BATCH_PROVIDER,
    name: "GGZ-aanbieder voor de betrouwbaarheidstest (fictief)",
    contracts: [
      {
        regionId: BATCH_REGION,
        segment: "4",
        product: null,
        purchaseArea: "regio-1",
        validFrom: "2023-01-01",
        validTo: null,
      },
    ],
  });
}

/**
 * A session of the Toegang of Tilburg (demo-toegang, municipality 0855). PGlite: signed in over HTTP
 * with the demo login, as a browser would. PostgreSQL: the server has no demo login there (a real
 * registry never gets password-less users), so the session row is made in the store the way a login
 * makes one (test/support/api.ts), before the server starts.
 */
export async function prepareToegang(
  engine: Engine,
  store: Store,
): Promise<(address: string) => Promise<WebSession>> {
  await seedDemoUsers(store);
  if (engine === "pglite") return (address) => demoLogin(address, "demo-toegang");
  const session = await sessionFor(store, "demo-toegang");
  return () => Promise.resolve(session);
}

/** The allocation rows of a client keyed by idempotency key, and the audit records of their creation. */
export async function allocationsOf(store: Store, clientId: string) {
  const rows = await store.db
    .selectFrom("allocation")
    .select(["id", "number", "idempotency_key", "start_date", "end_date", "status", "client_id"])
    .where("client_id", "=", clientId)
    .execute();
  const created = await store.db
    .selectFrom("audit_event")
    .select(["resource_id", "outcome", "trace_id"])
    .where("client_id", "=", clientId)
    .where("resource", "=", "toewijzing")
    .where("action", "=", "aanmaken")
    .execute();
  return { rows, created };
}
