import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { parseCase } from "../src/domain/case.ts";
import type { Store } from "../src/store/database.ts";
import {
  addProvider,
  changeAllocation,
  createAllocation,
  createReferral,
  endAllocation,
  findClientByBsn,
  listAllocations,
  recordStart,
  recordStop,
  registerClient,
  registryDeadlines,
} from "../src/store/registry.ts";
import { hvb, refusedRules, tilburgGgzCase } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

const [bsnA = "", bsnB = ""] = testBsns(2, 7);

const GGZ_AANBIEDER = "12345678";
const CROSSROADS = "87654321";

describe.each(engines)("the registry on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addProvider(store, {
      agb: GGZ_AANBIEDER,
      name: "GGZ-aanbieder (fictief)",
      contracts: [
        {
          regionId: "hart-van-brabant",
          segment: "4",
          product: null,
          purchaseArea: "regio-1",
          validFrom: "2023-01-01",
          validTo: null,
        },
      ],
    });
    await addProvider(store, {
      agb: CROSSROADS,
      name: "Crossroads (fictief AGB)",
      contracts: [
        {
          regionId: "hart-van-brabant",
          segment: "1",
          product: null,
          purchaseArea: null,
          validFrom: "2023-01-01",
          validTo: null,
        },
      ],
    });
  });
  afterEach(async () => done());

  const s4 = (clientId: string, over: Partial<Parameters<typeof createAllocation>[2]> = {}) =>
    createAllocation(store, hvb, {
      clientId,
      municipality: "0855",
      segment: "4",
      product: "ggz-specialistisch",
      providerAgb: GGZ_AANBIEDER,
      startDate: "2026-03-09",
      endDate: "2026-12-31",
      volume: 80,
      unit: "04",
      frequency: "6",
      idempotencyKey: "s4-a",
      ...over,
    });

  it("keeps a referral with the facts, the advice and its receipt as given, once per idempotency key", async () => {
    const first = await createReferral(store, hvb, {
      bsn: bsnA,
      facts: tilburgGgzCase,
      idempotencyKey: "ref-1",
    });
    const again = await createReferral(store, hvb, {
      bsn: bsnA,
      facts: tilburgGgzCase,
      idempotencyKey: "ref-1",
    });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.referral.id).toBe(first.referral.id);
    expect(first.referral.segments).toEqual(["4"]);
    expect(first.referral.advice.receipt.modelHash).toBe(hvb.model.hash);
    const count = await store.db
      .selectFrom("referral")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it("refuses the same idempotency key for another referral and changes nothing", async () => {
    await createReferral(store, hvb, { bsn: bsnA, facts: tilburgGgzCase, idempotencyKey: "ref-1" });
    const other = parseCase({ ...tilburgGgzCase, estimatedHours: { begeleiding: 0, behandeling: 90 } });
    expect(
      await refusedRules(createReferral(store, hvb, { bsn: bsnA, facts: other, idempotencyKey: "ref-1" })),
    ).toEqual(["idempotentie"]);
  });

  it("refuses a BSN that fails the 11-proef, and never stores a BSN in clear", async () => {
    await expect(registerClient(store, { bsn: "999999991", municipality: "0855" })).rejects.toThrow(
      /elfproef/,
    );
    const client = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    expect((await findClientByBsn(store, bsnA))?.id).toBe(client.id);
    const dump = JSON.stringify(await store.db.selectFrom("client").selectAll().execute());
    expect(dump).not.toContain(bsnA);
    const row = await store.db.selectFrom("client").select("bsn_cipher").executeTakeFirstOrThrow();
    expect(store.vault.decrypt(row.bsn_cipher!)).toBe(bsnA);
  });

  it("refuses a second allocation of the same product to the same provider in an overlapping period", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    await s4(c.id);
    expect(
      await refusedRules(
        s4(c.id, { idempotencyKey: "s4-b", startDate: "2026-06-01", endDate: "2027-01-31" }),
      ),
    ).toEqual(["geen-overlap"]);
    await s4(c.id, { idempotencyKey: "s4-c", startDate: "2027-01-01", endDate: "2027-06-30" });
    expect(await listAllocations(store, { clientId: c.id })).toHaveLength(2);
  });

  it("refuses a segment 4 allocation longer than the maximum of two years, or without an end date", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    expect(await refusedRules(s4(c.id, { endDate: "2028-03-09" }))).toEqual(["maximale-duur"]);
    expect(await refusedRules(s4(c.id, { endDate: undefined }))).toEqual(["maximale-duur"]);
    const ok = await s4(c.id, { endDate: "2028-03-08" });
    expect(ok.allocation.endDate).toBe("2028-03-08");
  });

  it("refuses a provider that is not contracted for the purchase area of the municipality", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0785" });
    expect(await refusedRules(s4(c.id, { municipality: "0785" }))).toEqual(["aanbieder-gecontracteerd"]);
  });

  it("refuses a product that is not part of the segment, and a segment the municipality does not buy here", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    expect(await refusedRules(s4(c.id, { product: "pleegzorg" }))).toContain("product-in-segment");
    const alphen = await registerClient(store, { bsn: bsnB, municipality: "1723" });
    const s1 = createAllocation(store, hvb, {
      clientId: alphen.id,
      municipality: "1723",
      segment: "1",
      product: "lta-transforensisch",
      providerAgb: CROSSROADS,
      startDate: "2026-03-09",
      idempotencyKey: "s1-alphen",
    });
    expect(await refusedRules(s1)).toContain("gemeente-in-regio");
  });

  it("ends the running segment 4 allocation on escalation to segment 1, and marks segment 1 as task-based", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    const running = await s4(c.id);
    const result = await createAllocation(store, hvb, {
      clientId: c.id,
      municipality: "0855",
      segment: "1",
      product: "intensieve-ambulante-jeugdhulp",
      providerAgb: CROSSROADS,
      startDate: "2026-06-01",
      idempotencyKey: "s1-a",
    });
    expect(result.allocation.taskBased).toBe(true);
    expect(result.allocation.endDate).toBeNull();
    expect(result.ended).toEqual([
      expect.objectContaining({
        number: running.allocation.number,
        status: "beeindigd",
        endDate: "2026-05-31",
      }),
    ]);
    expect(result.ended[0]?.endReason).toContain("opschaling naar Segment 1");
  });

  it("changes nothing when an allocation is refused, not even the allocation an escalation would end", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    await s4(c.id);
    const refused = createAllocation(store, hvb, {
      clientId: c.id,
      municipality: "0855",
      segment: "1",
      product: "intensieve-ambulante-jeugdhulp",
      providerAgb: GGZ_AANBIEDER,
      startDate: "2026-06-01",
      idempotencyKey: "s1-wrong-provider",
    });
    expect(await refusedRules(refused)).toEqual(["aanbieder-gecontracteerd"]);
    const all = await listAllocations(store, { clientId: c.id });
    expect(all.map((a) => a.status)).toEqual(["actief"]);
  });

  it("gives the same allocation back when the same command is repeated", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    const first = await s4(c.id);
    const again = await s4(c.id);
    expect(again.created).toBe(false);
    expect(again.allocation.number).toBe(first.allocation.number);
    expect(await listAllocations(store)).toHaveLength(1);
    const ended = await endAllocation(store, {
      number: first.allocation.number,
      endDate: "2026-09-30",
      reason: "doel bereikt",
    });
    const endedAgain = await endAllocation(store, {
      number: first.allocation.number,
      endDate: "2026-09-30",
      reason: "doel bereikt",
    });
    expect(endedAgain).toEqual(ended);
    expect(
      await refusedRules(
        endAllocation(store, { number: first.allocation.number, endDate: "2026-10-31", reason: "later" }),
      ),
    ).toEqual(["einde-eenmalig", "einde-niet-later"]);
  });

  it("records the start of care once, within the allocation, and lists the start report as done", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    const { allocation } = await s4(c.id);
    let deadlines = await registryDeadlines(store);
    expect(deadlines.find((d) => d.kind === "melding-start")).toMatchObject({
      subjectId: allocation.number,
      from: "2026-03-09",
      due: "2026-03-16",
    });
    expect(deadlines.find((d) => d.kind === "melding-start")?.doneOn).toBeUndefined();
    expect(
      await refusedRules(
        recordStart(store, { number: allocation.number, startedOn: "2026-03-01", reportedOn: "2026-03-02" }),
      ),
    ).toEqual(["start-binnen-toewijzing"]);
    const first = await recordStart(store, {
      number: allocation.number,
      startedOn: "2026-03-10",
      reportedOn: "2026-03-12",
    });
    expect(
      await recordStart(store, {
        number: allocation.number,
        startedOn: "2026-03-10",
        reportedOn: "2026-03-13",
      }),
    ).toEqual(first);
    expect(
      await refusedRules(
        recordStart(store, { number: allocation.number, startedOn: "2026-03-11", reportedOn: "2026-03-13" }),
      ),
    ).toEqual(["start-eenmalig"]);
    deadlines = await registryDeadlines(store);
    expect(deadlines.find((d) => d.kind === "melding-start")).toMatchObject({
      from: "2026-03-10",
      due: "2026-03-17",
      doneOn: "2026-03-12",
    });
    await recordStop(store, {
      number: allocation.number,
      stoppedOn: "2026-06-30",
      reportedOn: "2026-07-09",
      reason: "doel bereikt",
    });
    deadlines = await registryDeadlines(store);
    // 30 June 2026 + 5 working days is 7 July; reported on 9 July: done, but late.
    expect(deadlines.find((d) => d.kind === "melding-stop")).toMatchObject({
      due: "2026-07-07",
      doneOn: "2026-07-09",
    });
  });

  it("keeps no start or stop deadline for a task-based segment", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    await createAllocation(store, hvb, {
      clientId: c.id,
      municipality: "0855",
      segment: "1",
      product: "intensieve-ambulante-jeugdhulp",
      providerAgb: CROSSROADS,
      startDate: "2026-06-01",
      idempotencyKey: "s1-only",
    });
    expect((await registryDeadlines(store)).filter((d) => d.kind === "melding-start")).toEqual([]);
  });

  it("refuses a segment 4 allocation beside a running segment 1 allocation, which includes it", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    await createAllocation(store, hvb, {
      clientId: c.id,
      municipality: "0855",
      segment: "1",
      product: "intensieve-ambulante-jeugdhulp",
      providerAgb: CROSSROADS,
      startDate: "2026-01-01",
      idempotencyKey: "s1-first",
    });
    expect(await refusedRules(s4(c.id))).toEqual(["opgeschaald"]);
  });

  it("refuses the same idempotency key for an allocation with other content", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    await s4(c.id);
    expect(await refusedRules(s4(c.id, { endDate: "2026-12-30" }))).toEqual(["idempotentie"]);
  });

  it("changes the end date and a total volume in place, as iJw allows", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    const { allocation } = await s4(c.id);
    const changed = await changeAllocation(store, hvb, {
      number: allocation.number,
      from: "2026-06-01",
      endDate: "2027-02-28",
      volume: 120,
      reason: "meer uren nodig",
      idempotencyKey: "change-1",
    });
    expect(changed.mode).toBe("gewijzigd");
    expect(changed.allocation).toMatchObject({
      number: allocation.number,
      endDate: "2027-02-28",
      volume: 120,
      status: "actief",
    });
    expect(
      await refusedRules(
        changeAllocation(store, hvb, {
          number: allocation.number,
          from: "2026-06-01",
          endDate: "2028-06-01",
          reason: "langer",
          idempotencyKey: "change-2",
        }),
      ),
    ).toEqual(["maximale-duur"]);
  });

  it("ends the allocation and starts a new one for a change iJw does not allow in place, and repeats it once", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    const { allocation } = await s4(c.id, { frequency: "2", volume: 2 });
    const change = {
      number: allocation.number,
      from: "2026-06-01",
      volume: 3,
      reason: "3 uur per week",
      idempotencyKey: "change-week",
    };
    const result = await changeAllocation(store, hvb, change);
    expect(result.mode).toBe("vervangen");
    expect(result.ended[0]).toMatchObject({
      number: allocation.number,
      status: "beeindigd",
      endDate: "2026-05-31",
    });
    expect(result.ended[0]?.endReason).toBe("gewijzigd: 3 uur per week");
    expect(result.allocation).toMatchObject({
      startDate: "2026-06-01",
      endDate: "2026-12-31",
      volume: 3,
      frequency: "2",
      status: "actief",
    });
    expect(result.allocation.number).not.toBe(allocation.number);
    const again = await changeAllocation(store, hvb, change);
    expect(again.allocation.number).toBe(result.allocation.number);
    expect(await listAllocations(store, { clientId: c.id })).toHaveLength(2);
  });

  it("refuses a change of provider to one without a contract, and leaves the allocation running", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    const { allocation } = await s4(c.id);
    const refused = changeAllocation(store, hvb, {
      number: allocation.number,
      from: "2026-06-01",
      providerAgb: CROSSROADS,
      reason: "andere aanbieder",
      idempotencyKey: "change-provider",
    });
    expect(await refusedRules(refused)).toEqual(["aanbieder-gecontracteerd"]);
    expect((await listAllocations(store, { clientId: c.id })).map((a) => [a.number, a.status])).toEqual([
      [allocation.number, "actief"],
    ]);
  });

  it("lets only one of two concurrent overlapping allocations for one client through", async () => {
    const c = await registerClient(store, { bsn: bsnA, municipality: "0855" });
    const results = await Promise.allSettled([
      s4(c.id, { idempotencyKey: "race-1" }),
      s4(c.id, { idempotencyKey: "race-2", startDate: "2026-04-01" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await listAllocations(store, { clientId: c.id })).toHaveLength(1);
  });
});
