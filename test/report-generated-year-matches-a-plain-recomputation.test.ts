import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportRow } from "../src/monitoring/reports.ts";
import type { Store } from "../src/store/database.ts";
import { generateIntoStore } from "../src/store/generate.ts";
import { loadReportCatalogue, reportRows } from "../src/store/reports.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * A small generated year (40 clients, 2025, seed 7): the reports' SQL against a plain TypeScript
 * recomputation from the raw rows, so a join or a filter that drops or doubles rows shows up.
 */

const YEAR = 2025;
const FROM = `${YEAR}-01-01`;
const TO = `${YEAR}-12-31`;
const asOf = "2025-12-31";
const catalogue = loadReportCatalogue();

/** percentile_cont: linear interpolation between the two nearest ranks. */
function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  const rank = p * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return v[lo]! + (v[hi]! - v[lo]!) * (rank - lo);
}
const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const byKey = (rows: ReportRow[], keys: string[]) =>
  Object.fromEntries(rows.map((r) => [keys.map((k) => r[k]).join("|"), r]));

describe.each(engines)("a generated year's reports on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let allocations: {
    id: string;
    client_id: string;
    region_id: string;
    segment: string;
    product: string;
    provider_agb: string;
    start_date: string;
    end_date: string | null;
    referral_id: string | null;
  }[];
  let lines: {
    client_id: string | null;
    allocation_id: string | null;
    amount: number;
    volume: number;
    unit: string;
    debit_credit: "D" | "C";
  }[];

  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    await generateIntoStore(store, { clients: 40, year: YEAR, seed: 7 });
    allocations = await store.db
      .selectFrom("allocation")
      .select([
        "id",
        "client_id",
        "region_id",
        "segment",
        "product",
        "provider_agb",
        "start_date",
        "end_date",
        "referral_id",
      ])
      .where("start_date", "<=", TO)
      .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", FROM)]))
      .execute();
    lines = await store.db
      .selectFrom("declaration_line")
      .select(["client_id", "allocation_id", "amount", "volume", "unit", "debit_credit"])
      .where("approved", "=", true)
      .where("period_start", ">=", FROM)
      .where("period_start", "<=", TO)
      .execute();
  }, 300_000);
  afterAll(() => done());
  const run = (name: Parameters<typeof reportRows>[1]) =>
    reportRows(store, name, { year: YEAR, regionId: null, asOf }, catalogue);

  it("has data to compare: allocations in several segments and declaration lines", () => {
    expect(allocations.length).toBeGreaterThan(40);
    expect(new Set(allocations.map((a) => a.segment)).size).toBeGreaterThan(2);
    expect(lines.length).toBeGreaterThan(50);
  });

  it("counts clients, allocations and spend per segment as the raw rows do", async () => {
    const alloc = new Map(allocations.map((a) => [a.id, a]));
    const expected = new Map<string, { clients: Set<string>; allocations: number; cents: number }>();
    const cell = (key: string) => {
      if (!expected.has(key)) expected.set(key, { clients: new Set(), allocations: 0, cents: 0 });
      return expected.get(key)!;
    };
    for (const a of allocations) {
      const c = cell(`${a.region_id}|${a.segment}`);
      c.clients.add(a.client_id);
      c.allocations += 1;
    }
    for (const l of lines) {
      const a = alloc.get(l.allocation_id ?? "")!;
      const c = cell(`${a.region_id}|${a.segment}`);
      if (l.client_id) c.clients.add(l.client_id);
      c.cents += l.debit_credit === "C" ? -l.amount : l.amount;
    }
    const got = byKey((await run("per-segment")).rijen, ["regio", "segment"]);
    expect(Object.keys(got).sort()).toEqual([...expected.keys()].sort());
    for (const [key, e] of expected) {
      expect(got[key], key).toMatchObject({
        clienten: e.clients.size,
        toewijzingen: e.allocations,
        uitgaven: Math.round(e.cents) / 100,
      });
    }
    const total = (await run("per-regio")).rijen.reduce((s, r) => s + Number(r.uitgaven), 0);
    const cents = lines.reduce((s, l) => s + (l.debit_credit === "C" ? -l.amount : l.amount), 0);
    expect(Math.round(total * 100)).toBe(cents);
  });

  it("gives P × Q per product as the sum of the lines, and volume × tariff equals the amount", async () => {
    const alloc = new Map(allocations.map((a) => [a.id, a]));
    const expected = new Map<string, { lines: number; volume: number; cents: number }>();
    for (const l of lines) {
      const a = alloc.get(l.allocation_id ?? "")!;
      const key = `${a.region_id}|${a.segment}|${a.product}|${l.unit}`;
      const e = expected.get(key) ?? { lines: 0, volume: 0, cents: 0 };
      e.lines += 1;
      e.volume += l.volume;
      e.cents += l.amount;
      expected.set(key, e);
    }
    const rows = (await run("pxq")).rijen;
    const got = byKey(rows, ["regio", "segment", "product", "eenheid"]);
    expect(Object.keys(got).sort()).toEqual([...expected.keys()].sort());
    for (const [key, e] of expected)
      expect(got[key], key).toMatchObject({ regels: e.lines, volume: e.volume, bedrag: e.cents / 100 });
    for (const r of rows) expect(r.volumeMaalTarief).toBe(r.bedrag);
  });

  it("gives waiting times and the 6-week share as a recomputation from starts and referrals", async () => {
    const referrals = new Map(
      (await store.db.selectFrom("referral").select(["id", "request_date"]).execute()).map((r) => [
        r.id,
        r.request_date,
      ]),
    );
    const starts = await store.db.selectFrom("delivery").select(["allocation_id", "started_on"]).execute();
    const firstStart = new Map<string, string>();
    for (const s of starts) {
      const known = firstStart.get(s.allocation_id);
      if (!known || s.started_on < known) firstStart.set(s.allocation_id, s.started_on);
    }
    const all = await store.db
      .selectFrom("allocation")
      .select(["id", "region_id", "segment", "referral_id"])
      .execute();
    const waits = new Map<string, number[]>();
    for (const a of all) {
      const started = firstStart.get(a.id);
      const requested = a.referral_id ? referrals.get(a.referral_id) : undefined;
      if (!started || !requested || started < FROM || started > TO) continue;
      const key = `${a.region_id}|${a.segment}`;
      waits.set(key, [...(waits.get(key) ?? []), days(requested, started)]);
    }
    const got = byKey((await run("wachttijd")).rijen, ["regio", "segment"]);
    expect(Object.keys(got).sort()).toEqual([...waits.keys()].sort());
    for (const [key, w] of waits) {
      expect(got[key], key).toMatchObject({
        starts: w.length,
        mediaan: round1(percentile(w, 0.5)),
        p90: round1(percentile(w, 0.9)),
      });
    }
    const s1 = got["hart-van-brabant|1"];
    if (s1) {
      const w = waits.get("hart-van-brabant|1")!;
      expect(s1.norm).toBe("P6W");
      expect(s1.binnenNorm).toBe(w.filter((d) => d <= 42).length);
    }
  });

  it("counts unique clients per provider and segment, and every allocation with a maximum once", async () => {
    const expected = new Map<string, Set<string>>();
    for (const a of allocations) {
      const key = `${a.region_id}|${a.provider_agb}|${a.segment}`;
      expected.set(key, (expected.get(key) ?? new Set()).add(a.client_id));
    }
    const got = byKey((await run("unieke-clienten")).rijen, ["regio", "aanbieder", "segment"]);
    expect(Object.keys(got).sort()).toEqual([...expected.keys()].sort());
    for (const [key, clients] of expected) expect(got[key]?.clienten, key).toBe(clients.size);

    const durations = (await run("duur")).rijen;
    expect(durations.reduce((s, r) => s + Number(r.toewijzingen), 0)).toBe(allocations.length);
    for (const r of durations.filter((x) => x.maximum !== "geen"))
      expect(Number(r.langer) + Number(r.bijna) + Number(r.binnen)).toBe(r.toewijzingen);
    // The generator keeps every allocation within its maximum (docs/development.md).
    expect(durations.every((r) => r.langer === null || r.langer === 0)).toBe(true);
  });
});
