import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, type AuditEntry, listAudit, verifyAudit } from "../src/store/audit.ts";
import { openStore, type Store } from "../src/store/database.ts";
import { BsnVault } from "../src/store/vault.ts";
import { createTestDatabase, freshStore } from "./support/stores.ts";

/**
 * Two servers write to one audit trail at the same moment: each append takes the chain's lock, reads the
 * last hash and inserts under it, so the chain never forks and no record is lost, also when a writer's
 * transaction does other work first or is rolled back after appending.
 */

const WORKERS_PER_STORE = 6;
const ROUNDS = 15;

const entry = (writer: string, n: number): AuditEntry => ({
  actor: null,
  action: "lezen",
  resource: "client",
  resourceId: `${writer}-${n}`,
  purpose: "toegang",
  outcome: "ok",
  detail: { writer, n },
});

/**
 * One worker's rounds: single appends, batches, appends inside a transaction that first does other work,
 * and every fifth round a transaction rolled back after its append (its records must not appear).
 * Returns the resource ids that were committed.
 */
async function work(store: Store, writer: string): Promise<string[]> {
  const committed: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const batch = Array.from({ length: 1 + (round % 3) }, (_, i) => entry(writer, round * 10 + i));
    const ids = batch.map((e) => e.resourceId!);
    if (round % 5 === 4) {
      await expect(
        store.db.transaction().execute(async (tx) => {
          await appendAudit(tx, batch);
          throw new Error("teruggedraaid");
        }),
      ).rejects.toThrow("teruggedraaid");
      continue;
    }
    if (round % 2 === 0) await appendAudit(store.db, batch);
    else
      await store.db.transaction().execute(async (tx) => {
        await sql`select pg_sleep(0.002)`.execute(tx);
        await appendAudit(tx, batch);
      });
    committed.push(...ids);
  }
  return committed;
}

async function expectWholeChain(store: Store, committed: string[]): Promise<void> {
  const result = await verifyAudit(store.db, 50);
  expect(result).toMatchObject({ ok: true, checked: committed.length });
  const records = await listAudit(store.db, { limit: 10_000 });
  expect(records.map((r) => r.resourceId).sort()).toEqual([...committed].sort());
  expect(new Set(records.map((r) => r.prevHash)).size).toBe(records.length);
}

describe("the audit chain under concurrent writers on postgres", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let stores: Store[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    const bsnKey = BsnVault.newKey();
    // Two stores, two connection pools: as two servers on one database.
    stores = [await openStore({ url: database.url, bsnKey })];
    stores.push(await openStore({ url: database.url, bsnKey }));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await database?.drop();
  });

  it("two stores appending at once leave one whole chain with every committed record", async () => {
    const results = await Promise.all(
      stores.flatMap((store, s) =>
        Array.from({ length: WORKERS_PER_STORE }, (_, w) => work(store, `store${s}-worker${w}`)),
      ),
    );
    const committed = results.flat();
    expect(committed.length).toBeGreaterThan(200);
    await expectWholeChain(stores[0]!, committed);
    // The other server sees the same chain.
    expect(await verifyAudit(stores[1]!.db)).toEqual(await verifyAudit(stores[0]!.db));
  });
});

describe("the audit chain under concurrent writers on pglite", () => {
  it("concurrent appends through one store's single connection leave one whole chain", async () => {
    const { store, done } = await freshStore("pglite");
    try {
      const results = await Promise.all(Array.from({ length: 4 }, (_, w) => work(store, `worker${w}`)));
      await expectWholeChain(store, results.flat());
    } finally {
      await done();
    }
  });
});
