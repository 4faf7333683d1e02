import { randomUUID } from "node:crypto";
import { addDays } from "date-fns";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { toDate, toIso } from "../src/domain/dates.ts";
import type { Actor } from "../src/registry/access.ts";
import type { Store } from "../src/store/database.ts";
import { clientIdsFor, listAllocationsAs, listReferralsAs } from "../src/store/records.ts";
import { addProvider } from "../src/store/registry.ts";
import { saveUser } from "../src/store/users.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * For any world of clients, referrals, allocations and break-glass accesses, the SQL filters of the data
 * layer give exactly what a plain reading of the access rules gives (ecosystem.md §4.6: "for any
 * generated user/relationship graph, query results ⊆ allowed set" — here: equal to it).
 */

const TODAY = "2026-06-01";
const GRACE = 90;
const MUNICIPALITIES = ["0855", "0766"] as const;
const PROVIDERS = ["11111111", "22222222"] as const;
const SEGMENTS = ["3", "4"] as const;
const REFERRERS = ["verwijzer-a", "verwijzer-b"] as const;
/** Days from TODAY an allocation ends: null runs on; -200 is past the grace, -30 within it. */
const ENDS = [null, -200, -91, -90, -30, 0, 100] as const;

const actors: Actor[] = [
  ...MUNICIPALITIES.map((m) => ({
    userId: `toegang-${m}`,
    name: m,
    role: "toegang" as const,
    organisation: `gemeente:${m}`,
    municipality: m,
  })),
  ...REFERRERS.map((r) => ({
    userId: r,
    name: r,
    role: "verwijzer" as const,
    organisation: `verwijzer:${r}`,
  })),
  ...PROVIDERS.map((p) => ({
    userId: `aanbieder-${p}`,
    name: p,
    role: "aanbieder" as const,
    organisation: `aanbieder:${p}`,
    providerAgb: p,
  })),
  ...SEGMENTS.map((s) => ({
    userId: `coalitie-${s}`,
    name: s,
    role: "coalitie" as const,
    organisation: "regio:hart-van-brabant",
    regionId: "hart-van-brabant",
    segment: s,
  })),
  { userId: "beleid", name: "beleid", role: "beleid", organisation: "regio:hart-van-brabant" },
  { userId: "auditor", name: "auditor", role: "auditor", organisation: "regio:hart-van-brabant" },
];

const world = fc.record({
  clients: fc.array(fc.constantFrom(...MUNICIPALITIES), { minLength: 1, maxLength: 6 }),
  referrals: fc.array(fc.record({ client: fc.nat(5), by: fc.constantFrom(...REFERRERS) }), { maxLength: 5 }),
  allocations: fc.array(
    fc.record({
      client: fc.nat(5),
      provider: fc.constantFrom(...PROVIDERS),
      segment: fc.constantFrom(...SEGMENTS),
      end: fc.constantFrom(...ENDS),
    }),
    { maxLength: 8 },
  ),
  glass: fc.array(
    fc.record({
      client: fc.nat(5),
      user: fc.constantFrom(...actors.map((a) => a.userId)),
      running: fc.boolean(),
    }),
    {
      maxLength: 3,
    },
  ),
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const day = (offset: number) => toIso(addDays(toDate(TODAY), offset));

/** The access rules read plainly, over the world as data. */
function expected(w: World, actor: Actor, ids: string[]): string[] {
  const since = day(-GRACE);
  const recent = (a: World["allocations"][number]) => a.end === null || day(a.end) >= since;
  const out = new Set<string>();
  const mayGlass = actor.role === "toegang";
  w.clients.forEach((m, i) => {
    const at = (x: { client: number }) => x.client % w.clients.length === i;
    const reach =
      (actor.role === "toegang" && m === actor.municipality) ||
      (actor.role === "verwijzer" && w.referrals.some((r) => at(r) && r.by === actor.userId)) ||
      (actor.role === "aanbieder" &&
        w.allocations.some((a) => at(a) && a.provider === actor.providerAgb && recent(a))) ||
      (actor.role === "coalitie" &&
        w.allocations.some((a) => at(a) && a.segment === actor.segment && recent(a))) ||
      (mayGlass && w.glass.some((g) => at(g) && g.user === actor.userId && g.running));
    if (reach) out.add(ids[i]!);
  });
  return [...out].sort();
}

describe.each(engines)("access filters on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    for (const a of actors) {
      const { userId, name, ...rest } = a;
      await saveUser(store, { id: userId, name, ...rest });
    }
    const contracts = SEGMENTS.map((segment) => ({
      regionId: "hart-van-brabant",
      segment,
      product: null,
      purchaseArea: null,
      validFrom: "2023-01-01",
      validTo: null,
    }));
    for (const agb of PROVIDERS)
      await addProvider(store, { agb, name: `Aanbieder ${agb} (fictief)`, contracts });
  });
  afterAll(async () => done());

  async function build(w: World): Promise<string[]> {
    const db = store.db;
    const bsns = testBsns(w.clients.length, 4242);
    const ids = w.clients.map(() => randomUUID());
    await db
      .insertInto("client")
      .values(
        w.clients.map((m, i) => ({
          id: ids[i]!,
          municipality: m,
          bsn_hmac: store.vault.lookupHash(bsns[i]!),
          bsn_cipher: store.vault.encrypt(bsns[i]!),
          birth_date: null,
        })),
      )
      .execute();
    const idOf = (n: number) => ids[n % ids.length]!;
    for (const [k, r] of w.referrals.entries()) {
      await db
        .insertInto("referral")
        .values({
          id: randomUUID(),
          client_id: idOf(r.client),
          municipality: w.clients[r.client % ids.length]!,
          region_id: "hart-van-brabant",
          request_date: TODAY,
          facts: "{}",
          advice: "{}",
          receipt: "{}",
          segments: "4",
          idempotency_key: `p-${k}-${randomUUID()}`,
          referred_by: r.by,
        })
        .execute();
    }
    for (const a of w.allocations) {
      await db
        .insertInto("allocation")
        .values({
          id: randomUUID(),
          client_id: idOf(a.client),
          referral_id: null,
          municipality: w.clients[a.client % ids.length]!,
          region_id: "hart-van-brabant",
          segment: a.segment,
          product: "p",
          provider_agb: a.provider,
          start_date: "2025-01-01",
          end_date: a.end === null ? null : day(a.end),
          volume: null,
          unit: null,
          frequency: null,
          budget: null,
          status: "actief",
          end_reason: null,
          task_based: false,
          idempotency_key: randomUUID(),
          request: null,
        })
        .execute();
    }
    for (const g of w.glass) {
      const now = Date.now();
      await db
        .insertInto("break_glass")
        .values({
          id: randomUUID(),
          user_id: g.user,
          client_id: idOf(g.client),
          reason: "eigenschapstest",
          started_at: new Date(now - 7_200_000),
          ends_at: new Date(now + (g.running ? 3_600_000 : -3_600_000)),
        })
        .execute();
    }
    return ids;
  }

  async function clear(): Promise<void> {
    for (const table of ["break_glass", "allocation", "referral", "client"] as const)
      await store.db.deleteFrom(table).execute();
  }

  it(
    "every actor reaches exactly the clients the rules give it, in any world",
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(world, async (w) => {
          const ids = await build(w);
          try {
            for (const actor of actors) {
              const ctx = { store, actor, today: TODAY, graceDays: GRACE };
              expect(await clientIdsFor(ctx)).toEqual(expected(w, actor, ids));
              // Lists never hold a row of a client out of reach.
              const reach = new Set(expected(w, actor, ids));
              if (["toegang", "aanbieder", "coalitie"].includes(actor.role)) {
                for (const a of await listAllocationsAs(ctx)) expect(reach.has(a.clientId)).toBe(true);
              }
              if (["toegang", "verwijzer"].includes(actor.role)) {
                for (const r of await listReferralsAs(ctx)) expect(reach.has(r.clientId)).toBe(true);
              }
            }
          } finally {
            await clear();
          }
        }),
        { numRuns: engine === "pglite" ? 40 : 20, seed: 20261122 },
      );
    },
  );
});
