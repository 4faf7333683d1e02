import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";
import type { Store } from "../src/store/database.ts";
import {
  addProvider,
  type AllocationRecord,
  type ClientRef,
  createAllocation,
  endAllocation,
  listAllocations,
  RegistryError,
  registerClient,
} from "../src/store/registry.ts";
import { type Engine, engines, freshStore } from "./support/stores.ts";

/**
 * Property: for random sequences of registry commands for three clients (Tilburg, Goirle, Tilburg) and
 * four providers with contracts (create an allocation in segment 1, 2 or 4 with an idempotency key from a
 * small pool; end an allocation; repeat an earlier command exactly; send an earlier create again with its
 * key but another end date or provider), after every command the database keeps the registry's
 * invariants:
 * - no two active allocations of one client, product and provider overlap in time;
 * - an allocation with a maximum duration (the product's, else the segment's) ends within it;
 * - nothing is lost: every allocation reported as created is still there, and there are exactly as many
 *   as there were successful creations;
 * - a repeated command (same idempotency key and content) is answered, adds no row and has no effect;
 * - a refused command (RegistryError) changes nothing;
 * - no active allocation of a segment that segment 1 supersedes still runs on the day a segment 1
 *   allocation of the same client starts (escalation ends it);
 * and the answer of every command is what the database holds. A second property checks the contract of
 * src/store/registry.ts that the same key with other content is refused.
 *
 * One store per engine; allocations, referrals and clients are deleted before each run, the providers
 * stay. Fixed seed: a failure is reproducible; fast-check prints seed, path and counterexample, and the
 * message lists the commands as they ran (with the allocation numbers they resolved to).
 */

const hvb = compileRegion(loadRegion("hart-van-brabant"));
const REGION = hvb.model.info.id;
const SEED = 20260301;

const TILBURG = "0855";
const GOIRLE = "0785";
const clientMunicipalities = [TILBURG, GOIRLE, TILBURG] as const;
const bsns = testBsns(clientMunicipalities.length, 4711);

// Fictitious AGB codes.
const GGZ_TILBURG = "30000001"; // segment 4, purchase area regio-1 (Tilburg) only
const GGZ_OVERAL = "30000002"; // segment 4, all purchase areas
const CROSSROADS = "30000003"; // segment 1 (Crossroads-like), fictitious AGB
const WONEN = "30000004"; // segment 2: pleegzorg always, woonleefgroep until the end of 2026
const providers = [GGZ_TILBURG, GGZ_OVERAL, CROSSROADS, WONEN] as const;

const productsBySegment = {
  "1": ["intensieve-ambulante-jeugdhulp", "behandelverblijf-open"],
  "2": ["pleegzorg", "woonleefgroep"],
  "4": ["ggz-specialistisch", "joh-begeleiding"],
} as const;
type SegmentId = keyof typeof productsBySegment;

const segmentOf = (id: string) => {
  const s = hvb.model.segments.find((x) => x.id === id);
  if (!s) throw new Error(`segment ${id} ontbreekt in ${REGION}`);
  return s;
};
/** The maximum duration the region model gives an allocation: the product's own, else the segment's. */
const maxDurationOf = (segment: string, product: string): string | undefined => {
  const s = segmentOf(segment);
  return s.products.find((p) => p.id === product)?.maxDuration ?? s.duration.max;
};
const supersededBySegment1 = new Set(segmentOf("1").supersedes);

// Calendar arithmetic in UTC, independent of the code under test.
const isoOfUtc = (d: Date) => d.toISOString().slice(0, 10);
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const plusDays = (iso: string, days: number) => {
  const d = utc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOfUtc(d);
};
/** The last day an allocation starting on `start` may run: start + max − 1 day (years clamp 29 Feb). */
const lastDayWithin = (start: string, max: string): string => {
  const m = /^P(\d+)Y$/.exec(max);
  if (!m) throw new Error(`onverwachte maximale duur ${max}`);
  const [y, mo, d] = start.split("-").map(Number) as [number, number, number];
  const year = y + Number(m[1]);
  const lastOfMonth = new Date(Date.UTC(year, mo, 0)).getUTCDate();
  const anniversary = isoOfUtc(new Date(Date.UTC(year, mo - 1, Math.min(d, lastOfMonth))));
  return plusDays(anniversary, -1);
};
const overlap = (a: { startDate: string; endDate: string | null }, b: typeof a) =>
  (a.endDate === null || a.endDate >= b.startDate) && (b.endDate === null || b.endDate >= a.startDate);

// ---- Commands ---------------------------------------------------------------------------------------

interface CreateCommand {
  kind: "create";
  client: number;
  segment: SegmentId;
  product: string;
  provider: string;
  startDate: string;
  endDate: string | null;
  key: string;
}
/** `target` picks one of the allocations in the database (modulo their number), or an unknown number. */
interface EndCommand {
  kind: "end";
  target: number | "onbekend";
  daysAfterStart: number;
  reason: string;
}
interface RepeatCommand {
  kind: "repeat";
  of: number;
}
/** An earlier create command again, with the same key but another end date or provider. */
interface VaryCommand {
  kind: "vary";
  of: number;
  change: "endDate" | "provider";
  days: number;
}
type Command = CreateCommand | EndCommand | RepeatCommand | VaryCommand;
/** An end command as it ran, with the number and date it resolved to, so that it can be repeated exactly. */
interface ResolvedEnd {
  kind: "end";
  number: string;
  endDate: string;
  reason: string;
}
type Executed = CreateCommand | ResolvedEnd;

/** Start dates from 2026 to 2027, often on the first of a month so that periods meet and overlap. */
const startDate = fc.oneof(
  fc.integer({ min: 0, max: 729 }).map((d) => plusDays("2026-01-01", d)),
  fc.integer({ min: 0, max: 23 }).map((m) => isoOfUtc(new Date(Date.UTC(2026, m, 1)))),
);
const endSpec = fc.oneof(
  { weight: 1, arbitrary: fc.constant<"geen">("geen") },
  { weight: 2, arbitrary: fc.constantFrom<"laatste-dag" | "dag-te-laat">("laatste-dag", "dag-te-laat") },
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 400 }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 800 }) },
);
/** Mostly a provider contracted for the segment (not always for the client's purchase area), else any. */
const contractedFor: Record<SegmentId, readonly string[]> = {
  "1": [CROSSROADS],
  "2": [WONEN],
  "4": [GGZ_TILBURG, GGZ_OVERAL],
};
const providerSpec = fc.oneof(
  { weight: 4, arbitrary: fc.record({ fitting: fc.constant(true), index: fc.nat({ max: 1 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ fitting: fc.constant(false), index: fc.nat({ max: providers.length - 1 }) }),
  },
);
const createCommand: fc.Arbitrary<CreateCommand> = fc
  .record({
    client: fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.nat({ max: clientMunicipalities.length - 1 }) },
    ),
    segment: fc.oneof(
      { weight: 3, arbitrary: fc.constant<SegmentId>("4") },
      { weight: 2, arbitrary: fc.constant<SegmentId>("1") },
      { weight: 1, arbitrary: fc.constant<SegmentId>("2") },
    ),
    productIndex: fc.nat({ max: 1 }),
    provider: providerSpec,
    startDate,
    end: endSpec,
    key: fc.nat({ max: 9 }).map((n) => `k${n}`),
  })
  .map(({ client, segment, productIndex, provider: p, startDate, end, key }) => {
    const product = productsBySegment[segment][productIndex] as string;
    const fitting = contractedFor[segment];
    const provider = (p.fitting ? fitting[p.index % fitting.length] : providers[p.index]) as string;
    const max = maxDurationOf(segment, product);
    const lastDay = max ? lastDayWithin(startDate, max) : plusDays(startDate, 364);
    const endDate =
      end === "geen"
        ? null
        : end === "laatste-dag"
          ? lastDay
          : end === "dag-te-laat"
            ? plusDays(lastDay, 1)
            : plusDays(startDate, end);
    return { kind: "create", client, segment, product, provider, startDate, endDate, key };
  });
const endCommand: fc.Arbitrary<EndCommand> = fc.record({
  kind: fc.constant<"end">("end"),
  target: fc.oneof(
    { weight: 9, arbitrary: fc.nat({ max: 20 }) },
    { weight: 1, arbitrary: fc.constant<"onbekend">("onbekend") },
  ),
  daysAfterStart: fc.integer({ min: -5, max: 500 }),
  reason: fc.constantFrom("doel bereikt", "verhuisd"),
});
const repeatCommand: fc.Arbitrary<RepeatCommand> = fc.record({
  kind: fc.constant<"repeat">("repeat"),
  of: fc.nat({ max: 20 }),
});
const varyCommand: fc.Arbitrary<VaryCommand> = fc.record({
  kind: fc.constant<"vary">("vary"),
  of: fc.nat({ max: 20 }),
  change: fc.constantFrom<"endDate" | "provider">("endDate", "provider"),
  days: fc.integer({ min: 1, max: 90 }),
});
const commands = fc.array(
  fc.oneof(
    { weight: 11, arbitrary: createCommand as fc.Arbitrary<Command> },
    { weight: 5, arbitrary: endCommand },
    { weight: 3, arbitrary: repeatCommand },
    { weight: 1, arbitrary: varyCommand },
  ),
  { minLength: 1, maxLength: 12 },
);

// ---- The run ----------------------------------------------------------------------------------------

const snapshot = async (store: Store) => ({
  allocations: await store.db.selectFrom("allocation").selectAll().orderBy("number").execute(),
  clients: await store.db.selectFrom("client").selectAll().orderBy("id").execute(),
  referrals: await store.db.selectFrom("referral").selectAll().orderBy("id").execute(),
});

/** What an allocation command asks for, without its idempotency key. */
const contentOf = (c: CreateCommand) => JSON.stringify({ ...c, kind: undefined, key: undefined });

type Outcome =
  { refused: string[] } | { allocation: AllocationRecord; created?: boolean; ended?: AllocationRecord[] };

async function attempt<T>(work: () => Promise<T>): Promise<T | { refused: string[] }> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof RegistryError) return { refused: e.problems.map((p) => p.rule) };
    throw e;
  }
}

const providerIndex = (agb: string) => (providers as readonly string[]).indexOf(agb);
/** Another end date than the command's: earlier (not before the start), else later. */
const otherEnd = (c: CreateCommand, days: number): string => {
  if (c.endDate === null) return plusDays(c.startDate, days);
  const earlier = plusDays(c.endDate, -days);
  return earlier >= c.startDate ? earlier : plusDays(c.endDate, days);
};

/**
 * "invariants": the invariants listed at the top. "idempotency": only the contract that the same key with
 * other content is refused, so that each finding gets its own counterexample.
 */
type Checks = "invariants" | "idempotency";

async function runSequence(store: Store, cmds: Command[], checks: Checks): Promise<void> {
  await sql`delete from allocation`.execute(store.db);
  await sql`delete from referral`.execute(store.db);
  await sql`delete from client`.execute(store.db);
  const clients: ClientRef[] = [];
  for (const [i, municipality] of clientMunicipalities.entries()) {
    clients.push(await registerClient(store, { bsn: bsns[i] as string, municipality }));
  }
  const clientIndex = new Map(clients.map((c, i) => [c.id, i]));
  const show = (a: AllocationRecord) =>
    `${a.number} (cliënt ${clientIndex.get(a.clientId)}, segment ${a.segment}, ${a.product}, ${a.providerAgb}, ` +
    `${a.startDate} t/m ${a.endDate ?? "open"}, ${a.status})`;

  const executed: Executed[] = [];
  /** Successful creations: allocation number → the command that made it. */
  const createdBy = new Map<string, CreateCommand>();
  /** Idempotency key → the allocation number its successful creation made. */
  const numberOfKey = new Map<string, string>();
  const trace: string[] = [];

  for (const [step, cmd] of cmds.entries()) {
    const before = await snapshot(store);

    // Resolve the command against what ran and what is stored.
    let run: Executed | undefined;
    if (cmd.kind === "repeat") {
      run = executed[cmd.of % Math.max(1, executed.length)];
    } else if (cmd.kind === "vary") {
      const creates = executed.filter((e): e is CreateCommand => e.kind === "create");
      const base = creates[cmd.of % Math.max(1, creates.length)];
      const otherProvider = (agb: string) =>
        providers[
          (providerIndex(agb) + 1 + (cmd.days % (providers.length - 1))) % providers.length
        ] as string;
      run =
        base &&
        (cmd.change === "endDate"
          ? { ...base, endDate: otherEnd(base, cmd.days) }
          : { ...base, provider: otherProvider(base.provider) });
    } else if (cmd.kind === "end") {
      const target =
        cmd.target === "onbekend"
          ? undefined
          : before.allocations[cmd.target % Math.max(1, before.allocations.length)];
      run = target
        ? {
            kind: "end",
            number: target.number,
            endDate: plusDays(target.start_date, cmd.daysAfterStart),
            reason: cmd.reason,
          }
        : { kind: "end", number: "T0", endDate: "2026-06-30", reason: cmd.reason };
    } else {
      run = cmd;
    }
    if (!run) continue;
    executed.push(run);

    let outcome: Outcome;
    if (run.kind === "create") {
      const c = run;
      const client = clients[c.client] as ClientRef;
      outcome = await attempt(() =>
        createAllocation(store, hvb, {
          clientId: client.id,
          municipality: client.municipality,
          segment: c.segment,
          product: c.product,
          providerAgb: c.provider,
          startDate: c.startDate,
          ...(c.endDate ? { endDate: c.endDate } : {}),
          idempotencyKey: c.key,
        }),
      );
    } else {
      const e = run;
      outcome = await attempt(async () => ({
        allocation: await endAllocation(store, { number: e.number, endDate: e.endDate, reason: e.reason }),
      }));
    }
    trace.push(
      `${step + 1}. ${JSON.stringify(run)}${cmd.kind === "repeat" ? " (herhaling)" : ""} → ${
        "refused" in outcome
          ? `geweigerd: ${outcome.refused.join(", ")}`
          : `${outcome.allocation.number}${outcome.created === false ? " (bestond al)" : ""}${
              outcome.ended?.length ? `, beëindigt ${outcome.ended.map((a) => a.number).join(", ")}` : ""
            }`
      }`,
    );

    const after = await snapshot(store);
    const rows = await listAllocations(store);
    const earlier = run.kind === "create" ? numberOfKey.get(run.key) : undefined;
    const first = earlier === undefined ? undefined : createdBy.get(earlier);
    if (run.kind === "create" && !("refused" in outcome) && outcome.created) {
      createdBy.set(outcome.allocation.number, run);
      numberOfKey.set(run.key, outcome.allocation.number);
    }
    try {
      if (checks === "idempotency") {
        if (run.kind === "create" && first && contentOf(first) !== contentOf(run)) {
          expect(
            "refused" in outcome ? outcome.refused : outcome,
            `key ${run.key} made ${earlier} with ${contentOf(first)}; used again with ${contentOf(run)} it is refused`,
          ).toEqual(expect.arrayContaining(["idempotentie"]));
        }
        continue;
      }

      // The command's own effect.
      if ("refused" in outcome) {
        expect(after, "a refused command changes nothing").toEqual(before);
      } else {
        expect(
          rows.find((a) => a.number === outcome.allocation.number),
          "the answer is what is stored",
        ).toEqual(outcome.allocation);
        for (const ended of outcome.ended ?? []) {
          expect(
            rows.find((a) => a.number === ended.number),
            "an ended allocation is stored ended",
          ).toEqual(ended);
        }
      }
      if (run.kind === "create") {
        if (!("refused" in outcome) && outcome.created) {
          expect(earlier, `key ${run.key} made ${earlier} before`).toBeUndefined();
        }
        if (first && contentOf(first) === contentOf(run)) {
          expect(outcome, "a repeated command is answered with the allocation it made").toMatchObject({
            created: false,
            allocation: { number: earlier },
          });
          expect(after, "a repeated command has no effect").toEqual(before);
        }
      } else {
        const was = before.allocations.find((a) => a.number === run.number);
        if (was?.status === "beeindigd" && was.end_date === run.endDate) {
          expect(outcome, "ending again on the same date is answered").not.toHaveProperty("refused");
          expect(after, "ending again on the same date has no effect").toEqual(before);
        }
      }

      // Nothing lost, nothing extra.
      const numbers = new Set(rows.map((a) => a.number));
      for (const n of createdBy.keys()) expect(numbers.has(n), `allocation ${n} is lost`).toBe(true);
      expect(rows.length, "one row per successful creation").toBe(createdBy.size);

      for (const a of rows) {
        // Maximum duration.
        const max = maxDurationOf(a.segment, a.product);
        if (max) {
          const last = lastDayWithin(a.startDate, max);
          expect(
            a.endDate !== null && a.endDate <= last,
            `${show(a)} runs past ${last} (maximum ${max})`,
          ).toBe(true);
        }
        if (a.status !== "actief") continue;
        // No overlap of two active allocations of the same client, product and provider.
        for (const b of rows) {
          if (
            b.number > a.number &&
            b.status === "actief" &&
            b.clientId === a.clientId &&
            b.product === a.product &&
            b.providerAgb === a.providerAgb
          ) {
            expect(overlap(a, b), `${show(a)} overlaps ${show(b)}`).toBe(false);
          }
        }
        // Escalation: an active allocation of a superseded segment does not run on the day a segment 1
        // allocation of the same client starts.
        if (supersededBySegment1.has(a.segment)) {
          for (const s1 of rows) {
            if (s1.clientId !== a.clientId || s1.segment !== "1") continue;
            const startedWhileItRan =
              s1.startDate >= a.startDate && (a.endDate === null || s1.startDate <= a.endDate);
            expect(startedWhileItRan, `${show(a)} still runs when segment 1 ${show(s1)} starts`).toBe(false);
          }
        }
      }
    } catch (e) {
      if (e instanceof Error) e.message += `\nopdrachten:\n${trace.join("\n")}`;
      throw e;
    }
  }
}

const runs: Record<Engine, number> = { pglite: 25, postgres: 40 };

describe.each(engines)("random command sequences on the registry (%s)", (engine) => {
  let store: Store;
  let done: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    const contract = (
      segment: string,
      more: { product?: string; purchaseArea?: string; validTo?: string } = {},
    ) => ({
      regionId: REGION,
      segment,
      product: more.product ?? null,
      purchaseArea: more.purchaseArea ?? null,
      validFrom: "2023-01-01",
      validTo: more.validTo ?? null,
    });
    await addProvider(store, {
      agb: GGZ_TILBURG,
      name: "GGZ Tilburg (fictief)",
      contracts: [contract("4", { purchaseArea: "regio-1" })],
    });
    await addProvider(store, { agb: GGZ_OVERAL, name: "GGZ overal (fictief)", contracts: [contract("4")] });
    await addProvider(store, {
      agb: CROSSROADS,
      name: "Crossroads (fictief AGB)",
      contracts: [contract("1")],
    });
    await addProvider(store, {
      agb: WONEN,
      name: "Wonen (fictief)",
      contracts: [
        contract("2", { product: "pleegzorg" }),
        contract("2", { product: "woonleefgroep", validTo: "2026-12-31" }),
      ],
    });
  });
  afterAll(async () => done?.());

  const check = (checks: Checks) =>
    fc.assert(
      fc.asyncProperty(commands, (cmds) => runSequence(store, cmds, checks)),
      { numRuns: runs[engine], seed: SEED, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true },
    );

  it("generates products that the region model has in those segments", () => {
    for (const [segment, products] of Object.entries(productsBySegment)) {
      for (const p of products) expect(segmentOf(segment).products.map((x) => x.id)).toContain(p);
    }
    expect([...supersededBySegment1]).toContain("4");
  });

  it("keeps the registry's invariants after every command", { timeout: 120_000 }, () => check("invariants"));

  it("refuses an idempotency key used again with other content", { timeout: 120_000 }, () =>
    check("idempotency"),
  );
});
