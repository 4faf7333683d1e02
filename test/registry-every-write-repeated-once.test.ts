import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import type { Store } from "../src/store/database.ts";
import {
  addProvider,
  changeAllocation,
  createAllocation,
  createFamily,
  createReferral,
  endAllocation,
  recordStart,
  recordStop,
  registerClient,
} from "../src/store/registry.ts";
import { hvb, tilburgGgzCase } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

/** Every write command of the registry, given twice, has the effect of once. */

const [bsnA = "", bsnB = ""] = testBsns(2, 21);

const twice = async <T>(write: () => Promise<T>) => {
  const first = await write();
  const second = await write();
  return { first, second };
};

describe.each(engines)("on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
  });
  afterEach(async () => done());

  const counts = async () => {
    const n = async (table: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(store.db)).rows[0]
        ?.n;
    return {
      provider: await n("provider"),
      contract: await n("contract"),
      client: await n("client"),
      family: await n("family"),
      referral: await n("referral"),
      allocation: await n("allocation"),
      delivery: await n("delivery"),
    };
  };

  it("every write command given twice has the effect of once", async () => {
    const provider = {
      agb: "12345678",
      name: "GGZ-aanbieder (fictief)",
      contracts: [
        {
          regionId: "hart-van-brabant",
          segment: "4",
          product: null,
          purchaseArea: null,
          validFrom: "2023-01-01",
          validTo: null,
        },
      ],
    };
    await twice(() => addProvider(store, provider));
    const client = await twice(() => registerClient(store, { bsn: bsnA, municipality: "0855" }));
    expect(client.second).toEqual(client.first);
    await twice(() =>
      createFamily(store, { municipality: "0855", bsns: [bsnA, bsnB], idempotencyKey: "gezin" }),
    );
    const referral = await twice(() =>
      createReferral(store, hvb, { bsn: bsnA, facts: tilburgGgzCase, idempotencyKey: "ref" }),
    );
    expect(referral.second.referral).toEqual(referral.first.referral);
    const allocation = await twice(() =>
      createAllocation(store, hvb, {
        clientId: client.first.id,
        municipality: "0855",
        segment: "4",
        product: "ggz-specialistisch",
        providerAgb: "12345678",
        startDate: "2026-03-09",
        endDate: "2026-12-31",
        volume: 2,
        unit: "04",
        frequency: "2",
        idempotencyKey: "alloc",
      }),
    );
    const number = allocation.first.allocation.number;
    await twice(() => recordStart(store, { number, startedOn: "2026-03-10", reportedOn: "2026-03-11" }));
    const replaced = await twice(() =>
      changeAllocation(store, hvb, {
        number,
        from: "2026-06-01",
        volume: 3,
        reason: "meer uren",
        idempotencyKey: "change",
      }),
    );
    expect(replaced.second.allocation.number).toBe(replaced.first.allocation.number);
    const next = replaced.first.allocation.number;
    await twice(() =>
      recordStart(store, { number: next, startedOn: "2026-06-01", reportedOn: "2026-06-02" }),
    );
    await twice(() =>
      recordStop(store, { number: next, stoppedOn: "2026-09-30", reportedOn: "2026-10-01", reason: "klaar" }),
    );
    await twice(() => endAllocation(store, { number: next, endDate: "2026-09-30", reason: "klaar" }));
    expect(await counts()).toEqual({
      provider: 1,
      contract: 1,
      client: 2,
      family: 1,
      referral: 1,
      allocation: 2,
      delivery: 2,
    });
  });
});
