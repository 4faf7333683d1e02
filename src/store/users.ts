import type { Selectable } from "kysely";
import { type Actor, ROLES, type Role } from "../registry/access.ts";
import { appendAudit } from "./audit.ts";
import type { Store } from "./database.ts";
import { RegistryError } from "./registry.ts";
import type { AppUserTable } from "./schema.ts";

/**
 * Users: who may sign in, with which role for which organisation. A user's relationship columns must
 * fit its role (a provider user has an AGB code, an access-team user a municipality, ...): a role
 * without its relationship would reach no rows, or worse, be read as "all rows" by a careless filter.
 */

export interface UserInput {
  id: string;
  name: string;
  role: Role;
  organisation: string;
  municipality?: string | null;
  providerAgb?: string | null;
  regionId?: string | null;
  segment?: string | null;
  oidcSubject?: string | null;
}

export interface UserRecord extends Actor {
  oidcSubject: string | null;
  active: boolean;
}

export function toActor(row: Selectable<AppUserTable>): UserRecord {
  return {
    userId: row.id,
    name: row.display_name,
    role: row.role,
    organisation: row.organisation,
    municipality: row.municipality,
    providerAgb: row.provider_agb,
    regionId: row.region_id,
    segment: row.segment,
    oidcSubject: row.oidc_subject,
    active: row.active,
  };
}

/** What each role needs besides its name; the fields it may not have are refused too. */
const RELATION: Record<Role, { needs: (keyof UserInput)[] }> = {
  toegang: { needs: ["municipality"] },
  verwijzer: { needs: [] },
  aanbieder: { needs: ["providerAgb"] },
  coalitie: { needs: ["regionId", "segment"] },
  beleid: { needs: [] },
  beheer: { needs: [] },
  auditor: { needs: [] },
};
const RELATION_FIELDS = ["municipality", "providerAgb", "regionId", "segment"] as const;

export function userProblems(input: UserInput) {
  const problems: { field: string; value: unknown; reason: string; rule: string }[] = [];
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(input.id)) {
    problems.push({
      field: "id",
      value: input.id,
      reason: "gebruik 2 tot 63 kleine letters, cijfers, punt, streep of liggend streepje",
      rule: "gebruiker",
    });
  }
  if (!ROLES.includes(input.role)) {
    problems.push({
      field: "role",
      value: input.role,
      reason: `kies uit ${ROLES.join(", ")}`,
      rule: "gebruiker",
    });
    return problems;
  }
  const needs = RELATION[input.role].needs;
  for (const field of RELATION_FIELDS) {
    const value = input[field];
    if (needs.includes(field) && !value) {
      problems.push({
        field,
        value: value ?? null,
        reason: `is verplicht voor de rol ${input.role}`,
        rule: "gebruiker",
      });
    }
    if (!needs.includes(field) && value) {
      problems.push({ field, value, reason: `hoort niet bij de rol ${input.role}`, rule: "gebruiker" });
    }
  }
  if (input.municipality && !/^\d{4}$/.test(input.municipality)) {
    problems.push({
      field: "municipality",
      value: input.municipality,
      reason: "is een CBS-code van 4 cijfers",
      rule: "gebruiker",
    });
  }
  if (input.providerAgb && !/^\d{8}$/.test(input.providerAgb)) {
    problems.push({
      field: "providerAgb",
      value: input.providerAgb,
      reason: "is een AGB-code van 8 cijfers",
      rule: "gebruiker",
    });
  }
  return problems;
}

/** Adds or updates a user; `by` is the functional admin who did it (null: set-up or seed). */
export async function saveUser(
  store: Store,
  input: UserInput,
  by: Actor | null = null,
  traceId?: string,
): Promise<UserRecord> {
  const problems = userProblems(input);
  if (problems.length > 0) throw new RegistryError(problems);
  return store.db.transaction().execute(async (tx) => {
    const values = {
      id: input.id,
      display_name: input.name,
      role: input.role,
      organisation: input.organisation,
      municipality: input.municipality ?? null,
      provider_agb: input.providerAgb ?? null,
      region_id: input.regionId ?? null,
      segment: input.segment ?? null,
      oidc_subject: input.oidcSubject ?? null,
    };
    // A change that does not name the login subject keeps it (else the user could no longer sign in).
    const { oidc_subject: _subject, ...kept } = values;
    const update = input.oidcSubject === undefined ? kept : values;
    const row = await tx
      .insertInto("app_user")
      .values(values)
      .onConflict((oc) => oc.column("id").doUpdateSet(update))
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: by,
      action: "beheer",
      resource: "gebruiker",
      resourceId: input.id,
      purpose: "beheer",
      outcome: "ok",
      ...(traceId ? { traceId } : {}),
      detail: { role: input.role, organisation: input.organisation },
    });
    return toActor(row);
  });
}

export async function setUserActive(
  store: Store,
  id: string,
  active: boolean,
  by: Actor | null = null,
  traceId?: string,
) {
  return store.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable("app_user")
      .set({ active })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    // A deactivated user's sessions end at once.
    if (!active) await tx.deleteFrom("app_session").where("user_id", "=", id).execute();
    await appendAudit(tx, {
      actor: by,
      action: "beheer",
      resource: "gebruiker",
      resourceId: id,
      purpose: "beheer",
      outcome: "ok",
      ...(traceId ? { traceId } : {}),
      detail: { active },
    });
    return toActor(row);
  });
}

export async function getUser(store: Store, id: string): Promise<UserRecord | undefined> {
  const row = await store.db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toActor(row) : undefined;
}

export async function userBySubject(store: Store, subject: string): Promise<UserRecord | undefined> {
  const row = await store.db
    .selectFrom("app_user")
    .selectAll()
    .where("oidc_subject", "=", subject)
    .executeTakeFirst();
  return row ? toActor(row) : undefined;
}

export async function listUsers(store: Store): Promise<UserRecord[]> {
  return (await store.db.selectFrom("app_user").selectAll().orderBy("id").execute()).map(toActor);
}
