import type { Role } from "../registry/access.ts";
import type { Store } from "./database.ts";
import { DEMO_MUNICIPALITY } from "./seed.ts";
import { saveUser, type UserInput, type UserRecord } from "./users.ts";

/**
 * Fictitious users, one per role, for `npm start` and demo login. They work around the demo data of
 * Tilburg (0855) in Hart van Brabant: the provider and the coalition segment are read from an allocation
 * the demo seed made there, so the users reach rows whatever AGB codes the seed happened to hand out.
 * Demo login accepts only these ids, so turning it on never lets anyone in as a real user.
 */

export const DEMO_REGION = "hart-van-brabant";
export const DEMO_HOME = DEMO_MUNICIPALITY[DEMO_REGION] ?? "0855";

export const DEMO_USER_IDS = [
  "demo-toegang",
  "demo-verwijzer",
  "demo-aanbieder",
  "demo-coalitie",
  "demo-beleid",
  "demo-beheer",
  "demo-auditor",
] as const;

export function isDemoUserId(id: string): boolean {
  return (DEMO_USER_IDS as readonly string[]).includes(id);
}

/** Adds the demo users that are missing; returns the ones it added. */
export async function seedDemoUsers(store: Store): Promise<UserRecord[]> {
  const existing = new Set(
    (await store.db.selectFrom("app_user").select("id").where("id", "in", DEMO_USER_IDS).execute()).map(
      (r) => r.id,
    ),
  );
  const allocation = await store.db
    .selectFrom("allocation")
    .select(["provider_agb", "segment"])
    .where("municipality", "=", DEMO_HOME)
    .orderBy("number")
    .limit(1)
    .executeTakeFirst();

  const users: (UserInput & { id: (typeof DEMO_USER_IDS)[number]; role: Role })[] = [
    {
      id: "demo-toegang",
      name: "Demo Toegang Tilburg (fictief)",
      role: "toegang",
      organisation: `gemeente:${DEMO_HOME}`,
      municipality: DEMO_HOME,
    },
    {
      id: "demo-verwijzer",
      name: "Demo huisarts (fictief)",
      role: "verwijzer",
      organisation: "verwijzer:huisartsenpraktijk-demo",
    },
    ...(allocation
      ? [
          {
            id: "demo-aanbieder" as const,
            name: "Demo medewerker aanbieder (fictief)",
            role: "aanbieder" as const,
            organisation: `aanbieder:${allocation.provider_agb}`,
            providerAgb: allocation.provider_agb,
          },
          {
            id: "demo-coalitie" as const,
            name: `Demo coalitie segment ${allocation.segment} (fictief)`,
            role: "coalitie" as const,
            organisation: `regio:${DEMO_REGION}`,
            regionId: DEMO_REGION,
            segment: allocation.segment,
          },
        ]
      : []),
    {
      id: "demo-beleid",
      name: "Demo beleidsmedewerker (fictief)",
      role: "beleid",
      organisation: `regio:${DEMO_REGION}`,
    },
    {
      id: "demo-beheer",
      name: "Demo functioneel beheerder (fictief)",
      role: "beheer",
      organisation: `regio:${DEMO_REGION}`,
    },
    {
      id: "demo-auditor",
      name: "Demo auditor (fictief)",
      role: "auditor",
      organisation: `regio:${DEMO_REGION}`,
    },
  ];

  const added: UserRecord[] = [];
  for (const user of users) {
    if (existing.has(user.id)) continue;
    added.push(await saveUser(store, user));
  }
  if (added.some((u) => u.userId === "demo-verwijzer")) {
    // The referrer sees the referrals it made: give it the demo family requests of its municipality.
    await store.db
      .updateTable("referral")
      .set({ referred_by: "demo-verwijzer" })
      .where("municipality", "=", DEMO_HOME)
      .where("referred_by", "is", null)
      .execute();
  }
  return added;
}
