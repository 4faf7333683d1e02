import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import type { Contract } from "../src/registry/allocation-rules.ts";
import type { Store } from "../src/store/database.ts";
import { addProvider, createAllocation, registerClient } from "../src/store/registry.ts";
import { hvb, refusedRules } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Two indications at once for one client (design.md §6): segment 4 (GGZ) and segment 2 (pleegzorg) in
 * Hart van Brabant may run side by side. They may go to two providers; to one provider only when it is
 * contracted for both. Each allocation is checked against the provider's contract for its own segment,
 * product and area, so the second one to a provider without that contract is refused.
 */

const [bsnA = "", bsnB = ""] = testBsns(2, 42);
const BOTH = "22334455";
const GGZ_ONLY = "33445566";
const PLEEGZORG_ONLY = "44556677";

const contract = (segment: string, purchaseArea: string | null = null): Omit<Contract, "providerAgb"> => ({
  regionId: "hart-van-brabant",
  segment,
  product: null,
  purchaseArea,
  validFrom: "2023-01-01",
  validTo: null,
});

describe.each(engines)("two indications for one client on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addProvider(store, {
      agb: BOTH,
      name: "Beide (fictief)",
      contracts: [contract("4"), contract("2")],
    });
    await addProvider(store, {
      agb: GGZ_ONLY,
      name: "Alleen GGZ (fictief)",
      contracts: [contract("4", "regio-1")],
    });
    await addProvider(store, {
      agb: PLEEGZORG_ONLY,
      name: "Alleen pleegzorg (fictief)",
      contracts: [contract("2")],
    });
  });
  afterEach(async () => done());

  const allocate = (clientId: string, indication: "ggz" | "pleegzorg", providerAgb: string) =>
    createAllocation(store, hvb, {
      clientId,
      municipality: "0855",
      ...(indication === "ggz"
        ? { segment: "4", product: "ggz-specialistisch" }
        : { segment: "2", product: "pleegzorg" }),
      providerAgb,
      startDate: "2026-03-09",
      endDate: "2026-12-31",
      idempotencyKey: `${clientId}-${indication}-${providerAgb}`,
    });

  it("refuses the second indication to one provider that is contracted for the first only", async () => {
    const client = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    expect(await refusedRules(allocate(client.id, "ggz", GGZ_ONLY))).toEqual([]);
    expect(await refusedRules(allocate(client.id, "pleegzorg", GGZ_ONLY))).toEqual([
      "aanbieder-gecontracteerd",
    ]);
    // The same two indications to two providers, each contracted for its own, are fine.
    expect(await refusedRules(allocate(client.id, "pleegzorg", PLEEGZORG_ONLY))).toEqual([]);
  });

  it("allows both indications to one provider that is contracted for both", async () => {
    const client = await registerClient(store, { bsn: bsnB, municipality: "0855" });
    expect(await refusedRules(allocate(client.id, "ggz", BOTH))).toEqual([]);
    expect(await refusedRules(allocate(client.id, "pleegzorg", BOTH))).toEqual([]);
  });
});
