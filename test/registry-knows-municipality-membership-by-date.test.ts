import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadMembershipLayers, type MembershipLayer } from "../src/rules/load.ts";
import type { Store } from "../src/store/database.ts";
import {
  listMunicipalities,
  listRegions,
  regionOfMunicipality,
  RegistryError,
  syncRegionModels,
} from "../src/store/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

const layers = loadMembershipLayers();
const e10 = layers.find((l) => l.info.id === "een-10-voor-de-jeugd") as MembershipLayer;

/** The models as they are, with one region's municipality list replaced. */
const withList = (regionId: string, municipalities: MembershipLayer["municipalities"]) =>
  layers.map((l) => (l.info.id === regionId ? { ...l, municipalities } : l));

/** A region of its own beside the real ones, with these members. */
const withTestRegion = (municipalities: MembershipLayer["municipalities"]) => [
  ...layers,
  { info: { ...e10.info, id: "test-regio", name: "Testregio" }, municipalities },
];

const problemsOf = async (write: Promise<unknown>) => {
  try {
    await write;
  } catch (e) {
    if (e instanceof RegistryError) return e;
    throw e;
  }
  throw new Error("niet geweigerd");
};

describe.each(engines)("municipalities and regions in the register on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
  });
  afterEach(async () => done());

  it("a fresh database knows Veldhoven (0861) in Een 10 voor de jeugd only from 2022-01-01", async () => {
    expect(await regionOfMunicipality(store, "0861", "2021-12-31")).toBeUndefined();
    expect(await regionOfMunicipality(store, "0861", "2022-01-01")).toMatchObject({
      cbs: "0861",
      name: "Veldhoven",
      regionId: "een-10-voor-de-jeugd",
      validFrom: "2022-01-01",
      validTo: null,
      segments: null,
    });
    const onDate = async (date: string) =>
      (await listMunicipalities(store, { regionId: "een-10-voor-de-jeugd", date })).map((m) => m.cbs);
    expect(await onDate("2021-12-31")).toHaveLength(10);
    expect(await onDate("2021-12-31")).not.toContain("0861");
    expect(await onDate("2022-01-01")).toContain("0861");
    expect((await listRegions(store)).map((r) => r.id)).toContain("een-10-voor-de-jeugd");
  });

  it("a lookup on a date outside any membership says the municipality belongs to no region", async () => {
    // Tilburg is in Hart van Brabant from 2023-01-01; before that no model with its own list has it.
    expect(await regionOfMunicipality(store, "0855", "2022-12-31")).toBeUndefined();
    expect((await regionOfMunicipality(store, "0855", "2023-01-01"))?.regionId).toBe("hart-van-brabant");
    // Known municipality, no membership at all; and an unknown code.
    const [groningen] = await listMunicipalities(store, { cbs: "0014" });
    expect(groningen).toEqual({ cbs: "0014", name: "Groningen", memberships: [] });
    expect(await regionOfMunicipality(store, "0014", "2026-01-01")).toBeUndefined();
    expect(await regionOfMunicipality(store, "9999", "2026-01-01")).toBeUndefined();
  });

  it("syncing the models twice has one effect", async () => {
    const before = await listMunicipalities(store);
    const again = await syncRegionModels(store, layers);
    expect(again).toEqual({
      regions: 0,
      municipalities: 0,
      memberships: { inserted: 0, updated: 0, deleted: 0 },
    });
    expect(await listMunicipalities(store)).toEqual(before);
  });

  it("a changed membership date in the model updates the row, and a removed one deletes it", async () => {
    const later = e10.municipalities.map((m) => (m.cbs === "0861" ? { ...m, from: "2023-01-01" } : m));
    expect((await syncRegionModels(store, withList(e10.info.id, later))).memberships).toEqual({
      inserted: 0,
      updated: 1,
      deleted: 0,
    });
    expect(await regionOfMunicipality(store, "0861", "2022-06-01")).toBeUndefined();
    expect((await regionOfMunicipality(store, "0861", "2023-01-01"))?.validFrom).toBe("2023-01-01");

    const without = e10.municipalities.filter((m) => m.cbs !== "0861");
    expect((await syncRegionModels(store, withList(e10.info.id, without))).memberships.deleted).toBe(1);
    expect((await listMunicipalities(store, { cbs: "0861" }))[0]?.memberships).toEqual([]);

    expect((await syncRegionModels(store, layers)).memberships.inserted).toBe(1);
    expect((await regionOfMunicipality(store, "0861", "2022-01-01"))?.validFrom).toBe("2022-01-01");
  });

  it("refuses a membership that puts a municipality in two regions on one day, and writes nothing", async () => {
    const veldhoven = e10.municipalities.find((m) => m.cbs === "0861");
    if (!veldhoven) throw new Error("Veldhoven ontbreekt in het model");
    const refused = await problemsOf(
      syncRegionModels(store, withTestRegion([{ ...veldhoven, from: "2024-01-01", to: "2024-12-31" }])),
    );
    expect(refused.problems).toEqual([
      {
        field: "test-regio.municipalities[0861]",
        value: "2024-01-01 t/m 2024-12-31",
        reason:
          "Veldhoven hoort op 2024-01-01 al bij een-10-voor-de-jeugd (2022-01-01 t/m open): een gemeente hoort op één dag bij één regio",
        rule: "gemeente-een-regio",
      },
    ]);
    expect(refused.message).toContain("Niet opgeslagen");
    expect((await listRegions(store)).map((r) => r.id)).not.toContain("test-regio");
    expect((await listMunicipalities(store, { cbs: "0861" }))[0]?.memberships).toHaveLength(1);

    // Twice in one region on one day is refused too; a partial membership beside a full one is not.
    const twice = await problemsOf(
      syncRegionModels(
        store,
        withList(e10.info.id, [...e10.municipalities, { ...veldhoven, from: "2025-01-01" }]),
      ),
    );
    expect(twice.problems.map((p) => [p.field, p.reason])).toEqual([
      [
        "een-10-voor-de-jeugd.municipalities[0861]",
        "Veldhoven staat op 2025-01-01 al in deze regio (2022-01-01 t/m open): één lidmaatschap per dag",
      ],
    ]);
    await syncRegionModels(store, withTestRegion([{ ...veldhoven, from: "2024-01-01", segments: ["3"] }]));
    expect((await regionOfMunicipality(store, "0861", "2024-06-01"))?.regionId).toBe("een-10-voor-de-jeugd");
  });

  it("the database itself refuses an overlapping full membership written past the store", async () => {
    await store.db
      .insertInto("region")
      .values({ id: "test-regio", name: "Testregio", model_version: "1", valid_from: null, valid_to: null })
      .execute();
    await expect(
      store.db
        .insertInto("region_membership")
        .values({
          municipality: "0861",
          region_id: "test-regio",
          valid_from: "2024-01-01",
          valid_to: null,
          segments: null,
        })
        .execute(),
    ).rejects.toThrow(/region_membership_one_region/);
  });
});
