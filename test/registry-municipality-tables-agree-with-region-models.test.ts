import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAllocation } from "../src/registry/allocation-rules.ts";
import { listRegionIds, loadRegion, regionForMunicipality } from "../src/rules/load.ts";
import type { Store } from "../src/store/database.ts";
import { listMunicipalities, regionOfMunicipality } from "../src/store/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The allocation check (checkAllocation) still reads municipality membership from the region model; the
 * register keeps the same memberships in its tables. They must agree, for every region and date.
 */

const regions = listRegionIds()
  .map((id) => loadRegion(id))
  .filter((m) => m.info.kind === "region");
const dates = ["2018-01-01", "2021-06-01", "2021-12-31", "2022-01-01", "2023-01-01", "2026-03-01"];

describe.each(engines)("the register's municipality tables on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
  });
  afterAll(async () => done());

  it("agree with the allocation check's membership verdict for every region, segment, municipality and date", async () => {
    const all = await listMunicipalities(store);
    expect(all.length).toBeGreaterThanOrEqual(342);
    for (const model of regions) {
      const members = await listMunicipalities(store, { regionId: model.info.id });
      if (model.municipalitiesFrom !== model.info.id) {
        // A region without its own list (iaj-gwv-hcmv) borrows its baseline's: the register does not
        // make it a member of every municipality; the engine warns that membership is not checked.
        expect(members, model.info.id).toEqual([]);
        continue;
      }
      expect(members.length, model.info.id).toBeGreaterThan(0);
      for (const date of dates) {
        const inRegister = new Map(
          (await listMunicipalities(store, { regionId: model.info.id, date })).map((m) => [
            m.cbs,
            m.memberships[0]?.segments ?? null,
          ]),
        );
        for (const segment of model.segments) {
          for (const { cbs } of all) {
            const segments = inRegister.get(cbs);
            const registerSays =
              segments !== undefined && (segments === null || segments.includes(segment.id));
            const { problems } = checkAllocation(
              {
                municipality: cbs,
                segment: segment.id,
                product: segment.products[0]?.id ?? "",
                providerAgb: "00000000",
                startDate: date,
              },
              model,
              [],
              [],
            );
            const modelSays = !problems.some((p) => p.rule === "gemeente-in-regio");
            expect(registerSays, `${model.info.id} ${segment.id} ${cbs} ${date}`).toBe(modelSays);
          }
        }
      }
    }
  });

  it("give the region that regionForMunicipality gives, or none where it finds none", async () => {
    for (const [cbs, date] of [
      ["0861", "2021-12-31"],
      ["0861", "2022-01-01"],
      ["0855", "2026-03-01"],
      ["1723", "2026-03-01"],
      ["0363", "2018-01-01"],
      ["0385", "2026-03-01"],
    ] as const) {
      let fromModel: string | undefined;
      try {
        fromModel = regionForMunicipality(cbs, date).id;
      } catch (e) {
        if (!(e instanceof Error && e.name === "RegionNotFoundError")) throw e;
      }
      expect((await regionOfMunicipality(store, cbs, date))?.regionId, `${cbs} ${date}`).toBe(fromModel);
    }
  });
});
