import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";
import type { Store } from "../src/store/database.ts";
import {
  addProvider,
  createAllocation,
  createFamily,
  familyCoordination,
  findClientByBsn,
  RegistryError,
} from "../src/store/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

const hvb = compileRegion(loadRegion("hart-van-brabant"));
const [oldest = "", middle = "", youngest = "", other = ""] = testBsns(4, 11);

describe.each(engines)("families on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    for (const [agb, segment] of [
      ["11111111", "1"],
      ["22222222", "2"],
      ["44444444", "4"],
    ] as const) {
      await addProvider(store, {
        agb,
        name: `Aanbieder segment ${segment} (fictief)`,
        contracts: [
          {
            regionId: "hart-van-brabant",
            segment,
            product: null,
            purchaseArea: null,
            validFrom: "2023-01-01",
            validTo: null,
          },
        ],
      });
    }
  });
  afterEach(async () => done());

  const allocate = async (bsn: string, segment: string, product: string, agb: string, endDate?: string) => {
    const client = await findClientByBsn(store, bsn);
    return createAllocation(store, hvb, {
      clientId: client?.id ?? "",
      municipality: "0855",
      segment,
      product,
      providerAgb: agb,
      startDate: "2026-02-01",
      ...(endDate ? { endDate } : {}),
      idempotencyKey: `${bsn}-${segment}`,
    });
  };

  it("links the members of a family once, and refuses a member of another family", async () => {
    const first = await createFamily(store, {
      municipality: "0855",
      bsns: [oldest, middle],
      idempotencyKey: "gezin-1",
    });
    const again = await createFamily(store, {
      municipality: "0855",
      bsns: [oldest, middle],
      idempotencyKey: "gezin-1",
    });
    expect(again).toEqual({ ...first, created: false });
    await expect(
      createFamily(store, { municipality: "0855", bsns: [middle, other], idempotencyKey: "gezin-2" }),
    ).rejects.toThrow(RegistryError);
  });

  it("gives Crossroads the family coordination when one child is in segment 1 and another in segment 4", async () => {
    const family = await createFamily(store, {
      municipality: "0855",
      bsns: [oldest, middle, youngest],
      idempotencyKey: "g",
    });
    await allocate(oldest, "1", "intensieve-ambulante-jeugdhulp", "11111111");
    await allocate(middle, "4", "joh-begeleiding", "44444444", "2026-12-31");
    const c = await familyCoordination(store, hvb, family.id, "2026-03-01");
    expect(c.segments).toEqual(["1", "4"]);
    expect(c.coordinators.map((x) => x.coordinator)).toEqual(["Crossroads"]);
    expect(c.coordinators[0]?.because).toContain("Crossroads pakt die coördinatie op");
  });

  it("asks for a coordinator at family level when the children are in segments 2 and 4, and for none with one segment", async () => {
    const family = await createFamily(store, {
      municipality: "0855",
      bsns: [oldest, middle],
      idempotencyKey: "g",
    });
    await allocate(oldest, "4", "ggz-specialistisch", "44444444", "2026-12-31");
    expect((await familyCoordination(store, hvb, family.id, "2026-03-01")).coordinators).toEqual([]);
    await allocate(middle, "2", "pleegzorg", "22222222", "2027-12-31");
    const c = await familyCoordination(store, hvb, family.id, "2026-03-01");
    expect(c.coordinators.map((x) => x.coordinator)).toEqual([
      "een coördinator op gezinsniveau (af te spreken tussen de betrokken aanbieders en de Toegang)",
    ]);
  });
});
