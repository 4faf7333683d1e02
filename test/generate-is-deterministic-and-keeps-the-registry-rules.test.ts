import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { careKindOf, generateYear, type GeneratorRegion } from "../src/monitoring/generate.ts";
import type { Store } from "../src/store/database.ts";
import { generateIntoStore, generatorRegions } from "../src/store/generate.ts";
import { regionOfMunicipality, registryDeadlines } from "../src/store/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The synthetic year (issue 8): the same seed gives the same rows, another seed other rows, and the
 * rows keep the rules the registry checks on every single write (the bulk load does not).
 */

const CLIENTS = 300;
const YEAR = 2026;
const GENERATED_TABLES = [
  "client",
  "referral",
  "provider",
  "contract",
  "allocation",
  "delivery_report",
  "ijw_message",
  "declaration",
  "declaration_line",
] as const;

/** Every generated table in a fixed order, without what is random by design (created_at, the BSN's iv). */
async function canonicalDump(store: Store): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of GENERATED_TABLES) {
    const rows = (await store.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((r) => {
        const { created_at: _c, bsn_hmac: _h, bsn_cipher, body_cipher, id, ...rest } = r;
        return {
          ...rest,
          ...(table === "contract" ? {} : { id }),
          ...(typeof bsn_cipher === "string" ? { bsn: store.vault.decrypt(bsn_cipher) } : {}),
          ...(typeof body_cipher === "string" ? { body: store.vault.decrypt(body_cipher) } : {}),
        };
      })
      .map((r) => JSON.stringify(r, Object.keys(r).sort()))
      .sort();
  }
  return JSON.stringify(out);
}

describe.each(engines)("a generated year on %s", (engine) => {
  let a: { store: Store; done(): Promise<void> };
  let b: { store: Store; done(): Promise<void> };
  let c: { store: Store; done(): Promise<void> };
  beforeAll(async () => {
    [a, b, c] = await Promise.all([freshStore(engine), freshStore(engine), freshStore(engine)]);
    await generateIntoStore(a.store, { clients: CLIENTS, year: YEAR, seed: 42, batchSize: 128 });
    await generateIntoStore(b.store, { clients: CLIENTS, year: YEAR, seed: 42 });
    await generateIntoStore(c.store, { clients: CLIENTS, year: YEAR, seed: 43 });
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a?.done(), b?.done(), c?.done()]);
  });

  it("gives identical rows for the same seed (whatever the batch size) and other rows for another seed", async () => {
    const [da, db, dc] = await Promise.all([
      canonicalDump(a.store),
      canonicalDump(b.store),
      canonicalDump(c.store),
    ]);
    expect(da).toBe(db);
    expect(dc).not.toBe(da);
    const n = await a.store.db
      .selectFrom("client")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(CLIENTS);
  });

  it("gives every allocation a contract of its provider for its segment and product on every day", async () => {
    const rows = await a.store.db
      .selectFrom("allocation as a")
      .select(["a.id"])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("contract as k")
              .select("k.id")
              .whereRef("k.provider_agb", "=", "a.provider_agb")
              .whereRef("k.region_id", "=", "a.region_id")
              .whereRef("k.segment", "=", "a.segment")
              .where((eb) => eb.or([eb("k.product", "is", null), eb("k.product", "=", eb.ref("a.product"))]))
              .whereRef("k.valid_from", "<=", "a.start_date")
              .where((eb) =>
                eb.or([eb("k.valid_to", "is", null), eb("k.valid_to", ">=", eb.ref("a.end_date"))]),
              ),
          ),
        ),
      )
      .execute();
    expect(rows).toEqual([]);
  });

  it("never gives a client two allocations of one product and provider that overlap", async () => {
    const rows = await a.store.db
      .selectFrom("allocation as x")
      .innerJoin("allocation as y", (j) =>
        j
          .onRef("x.client_id", "=", "y.client_id")
          .onRef("x.product", "=", "y.product")
          .onRef("x.provider_agb", "=", "y.provider_agb")
          .onRef("x.id", "<", "y.id"),
      )
      .select(["x.id"])
      .whereRef("x.start_date", "<=", "y.end_date")
      .whereRef("y.start_date", "<=", "x.end_date")
      .execute();
    expect(rows).toEqual([]);
  });

  it("places every client in a municipality of the allocation's region on its start date", async () => {
    const rows = await a.store.db
      .selectFrom("allocation as a")
      .innerJoin("client as c", "c.id", "a.client_id")
      .select(["c.municipality", "a.municipality as allocated", "a.region_id", "a.start_date"])
      .execute();
    const seen = new Map<string, string | undefined>();
    for (const r of rows) {
      expect(r.allocated).toBe(r.municipality);
      const key = `${r.municipality}|${r.start_date}`;
      if (!seen.has(key))
        seen.set(key, (await regionOfMunicipality(a.store, r.municipality.trim(), r.start_date))?.regionId);
      expect(seen.get(key), key).toBe(r.region_id);
    }
  });

  it("keeps declaration lines within their allocation's period, with amount = volume × tariff", async () => {
    const rows = await a.store.db
      .selectFrom("declaration_line as l")
      .innerJoin("allocation as a", "a.id", "l.allocation_id")
      .select([
        "l.period_start",
        "l.period_end",
        "l.volume",
        "l.tariff",
        "l.amount",
        "a.start_date",
        "a.end_date",
        "a.task_based",
      ])
      .execute();
    expect(rows.length).toBeGreaterThan(CLIENTS);
    for (const r of rows) {
      expect(r.task_based).toBe(false);
      expect(
        r.period_start >= r.start_date &&
          r.period_end <= (r.end_date ?? "9999") &&
          r.period_start <= r.period_end,
      ).toBe(true);
      expect(r.amount).toBe(r.volume * (r.tariff ?? Number.NaN));
    }
    const sums = await a.store.db
      .selectFrom("declaration as d")
      .innerJoin("declaration_line as l", "l.declaration_id", "d.id")
      .select(["d.id", "d.submitted_amount", (eb) => eb.fn.sum<string>("l.amount").as("total")])
      .groupBy(["d.id", "d.submitted_amount"])
      .execute();
    for (const s of sums) expect(Number(s.submitted_amount)).toBe(Number(s.total));
  });

  it("keeps what reads referrals working (the deadlines of a generated advice are an empty list)", async () => {
    const deadlines = await registryDeadlines(a.store);
    expect(Array.isArray(deadlines)).toBe(true);
  });

  it("refuses to generate a second time into the same registry", async () => {
    await expect(generateIntoStore(a.store, { clients: 10, year: YEAR, seed: 42 })).rejects.toThrow(
      /al gegenereerde/,
    );
  });
});

describe("the distributions of a generated year", () => {
  it("has about 8.6% stays (CBS 41k of 474k) and about 1.2 allocations per client", async () => {
    const { store, done } = await freshStore("pglite");
    let regions: GeneratorRegion[];
    try {
      regions = await generatorRegions(store, YEAR, ["hart-van-brabant"]);
    } finally {
      await done();
    }
    const clients = 20_000;
    const plan = generateYear({ clients, year: YEAR, seed: 5, regions, bsns: testBsns(clients, 5) });
    let allocations = 0;
    let stays = 0;
    const segments = new Map<string, number>();
    const model = regions[0]!;
    for (const batch of plan.batches) {
      for (const x of batch.allocations) {
        allocations += 1;
        segments.set(x.segment, (segments.get(x.segment) ?? 0) + 1);
        const segment = model.segments.find((s) => s.id === x.segment)!;
        const kind = careKindOf(
          segment,
          segment.products.find((p) => p.id === x.product)!,
        );
        if (kind === "verblijf" || kind === "verblijf-behandeling") stays += 1;
      }
    }
    expect(allocations / clients).toBeGreaterThan(1.17);
    expect(allocations / clients).toBeLessThan(1.23);
    expect(Math.abs(stays / allocations - 41 / 474)).toBeLessThan(0.01);
    // Every segment of the model gets care; none takes everything.
    expect([...segments.keys()].sort()).toEqual(model.segments.map((s) => s.id).sort());
    for (const n of segments.values()) expect(n / allocations).toBeLessThan(0.6);
  });
});
