import { testBsns } from "../../src/domain/bsn.ts";
import { parseCase } from "../../src/domain/case.ts";
import type { Actor } from "../../src/registry/access.ts";
import type { Store } from "../../src/store/database.ts";
import { addProvider, createAllocation, createReferral, registerClient } from "../../src/store/registry.ts";
import { saveUser } from "../../src/store/users.ts";
import { hvb, tilburgGgzCase } from "./registry.ts";

/**
 * A small world for the access tests: five clients in two municipalities, two referrers, two providers,
 * two coalitions, and the roles without client rows. The tables below say, per actor, which clients,
 * referrals and allocations its relationship reaches on TODAY with a grace of 90 days.
 */

export const TODAY = "2026-06-01";
export const P1 = "12345678";
export const P2 = "23456789";

export const ACTORS: Record<string, Actor> = {
  "toegang-tilburg": {
    userId: "toegang-tilburg",
    name: "T. Tilburg",
    role: "toegang",
    organisation: "gemeente:0855",
    municipality: "0855",
  },
  "toegang-dongen": {
    userId: "toegang-dongen",
    name: "T. Dongen",
    role: "toegang",
    organisation: "gemeente:0766",
    municipality: "0766",
  },
  "verwijzer-1": {
    userId: "verwijzer-1",
    name: "V. Een",
    role: "verwijzer",
    organisation: "verwijzer:huisarts-een",
  },
  "verwijzer-2": {
    userId: "verwijzer-2",
    name: "V. Twee",
    role: "verwijzer",
    organisation: "verwijzer:huisarts-twee",
  },
  "aanbieder-1": {
    userId: "aanbieder-1",
    name: "A. Een",
    role: "aanbieder",
    organisation: `aanbieder:${P1}`,
    providerAgb: P1,
  },
  "aanbieder-2": {
    userId: "aanbieder-2",
    name: "A. Twee",
    role: "aanbieder",
    organisation: `aanbieder:${P2}`,
    providerAgb: P2,
  },
  "coalitie-s4": {
    userId: "coalitie-s4",
    name: "C. Vier",
    role: "coalitie",
    organisation: "regio:hart-van-brabant",
    regionId: "hart-van-brabant",
    segment: "4",
  },
  "coalitie-s1": {
    userId: "coalitie-s1",
    name: "C. Een",
    role: "coalitie",
    organisation: "regio:hart-van-brabant",
    regionId: "hart-van-brabant",
    segment: "1",
  },
  beleid: { userId: "beleid", name: "B. Leid", role: "beleid", organisation: "regio:hart-van-brabant" },
  beheer: { userId: "beheer", name: "B. Heer", role: "beheer", organisation: "regio:hart-van-brabant" },
  auditor: { userId: "auditor", name: "A. Ditor", role: "auditor", organisation: "regio:hart-van-brabant" },
};

export const CLIENTS = ["A", "B", "C", "D", "E"] as const;
export type ClientKey = (typeof CLIENTS)[number];

/** Actor → the clients it reaches by relationship. */
export const REACH: Record<string, ClientKey[]> = {
  "toegang-tilburg": ["A", "C", "D"],
  "toegang-dongen": ["B", "E"],
  "verwijzer-1": ["A"],
  "verwijzer-2": ["B"],
  // P2's allocation to B ended beyond the grace, to C within it; E has a coming allocation with P1.
  "aanbieder-1": ["A", "E"],
  "aanbieder-2": ["C"],
  "coalitie-s4": ["A", "C", "E"],
  "coalitie-s1": [],
  beleid: [],
  beheer: [],
  auditor: [],
};
/** Referrals: only the access team of the municipality and the referrer who made them. */
export const REFERRALS: Record<string, ClientKey[]> = {
  "toegang-tilburg": ["A", "C"],
  "toegang-dongen": ["B"],
  "verwijzer-1": ["A"],
  "verwijzer-2": ["B"],
};
/** Allocations: the municipality's, a provider's own current or recent ones, a coalition's segment. */
export const ALLOCATIONS: Record<string, ClientKey[]> = {
  "toegang-tilburg": ["A", "C"],
  "toegang-dongen": ["B", "E"],
  "aanbieder-1": ["A", "E"],
  "aanbieder-2": ["C"],
  "coalitie-s4": ["A", "C", "E"],
  "coalitie-s1": [],
};

export interface AccessWorld {
  id: Record<ClientKey, string>;
  bsn: Record<ClientKey, string>;
  referralOf: Partial<Record<ClientKey, string>>;
  allocationOf: Partial<Record<ClientKey, string>>;
}

const contract = {
  regionId: "hart-van-brabant",
  segment: "4",
  product: null,
  purchaseArea: null,
  validFrom: "2023-01-01",
  validTo: null,
};

export async function buildAccessWorld(store: Store): Promise<AccessWorld> {
  const [a = "", b = "", c = "", d = "", e = ""] = testBsns(5, 613);
  const world: AccessWorld = {
    id: { A: "", B: "", C: "", D: "", E: "" },
    bsn: { A: a, B: b, C: c, D: d, E: e },
    referralOf: {},
    allocationOf: {},
  };
  for (const actor of Object.values(ACTORS)) {
    const { userId, name, ...rest } = actor;
    await saveUser(store, { id: userId, name, ...rest });
  }
  await addProvider(store, { agb: P1, name: "Aanbieder een (fictief)", contracts: [contract] });
  await addProvider(store, { agb: P2, name: "Aanbieder twee (fictief)", contracts: [contract] });
  const dongen = parseCase({ ...tilburgGgzCase, municipality: "0766" });
  const refer = async (key: ClientKey, facts: typeof tilburgGgzCase, by: string) => {
    const { referral } = await createReferral(store, hvb, {
      bsn: world.bsn[key],
      facts,
      idempotencyKey: `r-${key}`,
      referredBy: by,
    });
    world.id[key] = referral.clientId;
    world.referralOf[key] = referral.id;
  };
  await refer("A", tilburgGgzCase, "verwijzer-1");
  await refer("B", dongen, "verwijzer-2");
  await refer("C", tilburgGgzCase, "toegang-tilburg");
  world.id.D = (await registerClient(store, { bsn: d, municipality: "0855" })).id;
  world.id.E = (await registerClient(store, { bsn: e, municipality: "0766" })).id;
  const allocate = async (
    key: ClientKey,
    municipality: string,
    agb: string,
    startDate: string,
    endDate: string,
  ) => {
    const { allocation } = await createAllocation(store, hvb, {
      clientId: world.id[key],
      municipality,
      segment: "4",
      product: "ggz-specialistisch",
      providerAgb: agb,
      startDate,
      endDate,
      volume: 40,
      unit: "04",
      frequency: "6",
      idempotencyKey: `a-${key}`,
    });
    world.allocationOf[key] = allocation.number;
  };
  await allocate("A", "0855", P1, "2026-03-09", "2026-12-31");
  await allocate("B", "0766", P2, "2025-06-02", "2025-12-31");
  await allocate("C", "0855", P2, "2026-01-05", "2026-04-30");
  await allocate("E", "0766", P1, "2026-07-01", "2026-12-31");
  return world;
}
