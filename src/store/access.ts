import { addDays } from "date-fns";
import {
  type ExpressionBuilder,
  type Expression,
  type Kysely,
  type SqlBool,
  sql,
  type Transaction,
} from "kysely";
import { type IsoDate, toDate, toIso } from "../domain/dates.ts";
import { type Actor, allows, DEFAULT_PROVIDER_GRACE_DAYS } from "../registry/access.ts";
import type { Database } from "./schema.ts";

/**
 * Which rows an actor reaches (ReBAC), as SQL filters that every scoped read in records.ts adds to its
 * query: the filter is part of the query, so a row outside the scope is never read, counted or returned,
 * and a missing filter cannot be papered over by a route. Deny by default: a role without a relationship
 * to a kind of row gets `false`. See ../shared/docs/ecosystem.md §4.2 and design.md §6.
 *
 * - toegang: the clients of its municipality, and what the registry holds about them;
 * - verwijzer: the clients of the referrals it made, and only those referrals;
 * - aanbieder: clients with a current allocation to it, or one that ended less than the grace ago (not
 *   a request it sent: a JW315 may carry any BSN); only its own allocations;
 * - coalitie: clients with a current or recent allocation in its region and segment;
 * - beleid, beheer, auditor: no client rows at all (aggregates and the log are read elsewhere);
 * - break-glass: a running noodtoegang adds that one client, for roles that may ask for it.
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface Scope {
  actor: Actor;
  /** The day allocations are judged on (current or ended within the grace). */
  today: IsoDate;
  /** Days a provider or coalition keeps access after an allocation ended. */
  graceDays?: number;
  /** Leave running break-glass accesses out (to tell whether a file is reached only through one). */
  withoutBreakGlass?: boolean;
}

const cutoff = (scope: Scope): IsoDate =>
  toIso(addDays(toDate(scope.today), -(scope.graceDays ?? DEFAULT_PROVIDER_GRACE_DAYS)));

const nothing = sql<SqlBool>`false`;

/** The client ids of the actor's running break-glass accesses (empty for roles that may not ask). */
function breakGlassClients(db: Db, actor: Actor, skip = false) {
  return db
    .selectFrom("break_glass")
    .select("break_glass.client_id as client_id")
    .where("break_glass.user_id", "=", allows(actor, "noodtoegang") && !skip ? actor.userId : null)
    .where("break_glass.ends_at", ">", sql<Date>`now()`);
}

/** Allocations still current, or ended no longer than the grace ago. */
function recentAllocations(db: Db, scope: Scope) {
  const since = cutoff(scope);
  return db
    .selectFrom("allocation as sa")
    .select("sa.client_id as client_id")
    .where((eb) => eb.or([eb("sa.end_date", "is", null), eb("sa.end_date", ">=", since)]));
}

/** The client ids this actor reaches: a subquery for `where client_id in (...)`. */
export function clientIdsInScope(db: Db, scope: Scope) {
  const { actor } = scope;
  const glass = breakGlassClients(db, actor, scope.withoutBreakGlass);
  switch (actor.role) {
    case "toegang":
      return db
        .selectFrom("client as sc")
        .select("sc.id as client_id")
        .where("sc.municipality", "=", actor.municipality ?? null)
        .union(glass);
    case "verwijzer":
      return db
        .selectFrom("referral as sr")
        .select("sr.client_id as client_id")
        .where("sr.referred_by", "=", actor.userId)
        .union(glass);
    case "aanbieder":
      // Not through a request it sent: anyone can send a JW315 with any BSN, and it would open that file.
      return recentAllocations(db, scope)
        .where("sa.provider_agb", "=", actor.providerAgb ?? null)
        .union(glass);
    case "coalitie":
      return recentAllocations(db, scope)
        .where("sa.region_id", "=", actor.regionId ?? null)
        .where("sa.segment", "=", actor.segment ?? null)
        .union(glass);
    default:
      return db.selectFrom("client as sc").select("sc.id as client_id").where(nothing);
  }
}

/** Filter for the client table itself. */
export function clientFilter(db: Db, scope: Scope) {
  return (eb: ExpressionBuilder<Database, "client">): Expression<SqlBool> =>
    eb("client.id", "in", clientIdsInScope(db, scope));
}

/** Referrals: the access team's municipality, the referrer's own, or a break-glass client; never a provider. */
export function referralFilter(db: Db, scope: Scope) {
  const { actor } = scope;
  return (eb: ExpressionBuilder<Database, "referral">): Expression<SqlBool> => {
    const glass = eb("referral.client_id", "in", breakGlassClients(db, actor));
    if (actor.role === "toegang")
      return eb.or([eb("referral.municipality", "=", actor.municipality ?? null), glass]);
    if (actor.role === "verwijzer") return eb.or([eb("referral.referred_by", "=", actor.userId), glass]);
    return nothing;
  };
}

/** Decisions (beschikkingen) are the access team's; a referrer or provider does not read them. */
export function decisionFilter(db: Db, scope: Scope) {
  const { actor } = scope;
  return (eb: ExpressionBuilder<Database, "decision">): Expression<SqlBool> =>
    actor.role === "toegang"
      ? eb.or([
          eb("decision.municipality", "=", actor.municipality ?? null),
          eb("decision.client_id", "in", breakGlassClients(db, actor)),
        ])
      : nothing;
}

/** Allocations: the municipality's, a provider's own (current or recent), a coalition's segment. */
export function allocationFilter(db: Db, scope: Scope) {
  const { actor } = scope;
  const since = cutoff(scope);
  return (eb: ExpressionBuilder<Database, "allocation">): Expression<SqlBool> => {
    const recent = eb.or([eb("allocation.end_date", "is", null), eb("allocation.end_date", ">=", since)]);
    switch (actor.role) {
      case "toegang":
        return eb.or([
          eb("allocation.municipality", "=", actor.municipality ?? null),
          eb("allocation.client_id", "in", breakGlassClients(db, actor, scope.withoutBreakGlass)),
        ]);
      case "aanbieder":
        return eb.and([eb("allocation.provider_agb", "=", actor.providerAgb ?? null), recent]);
      case "coalitie":
        return eb.and([
          eb("allocation.region_id", "=", actor.regionId ?? null),
          eb("allocation.segment", "=", actor.segment ?? null),
          recent,
        ]);
      default:
        return nothing;
    }
  };
}

/** iJw messages: the municipality's exchange, or a provider's own messages to and from it. */
export function messageFilter(db: Db, scope: Scope) {
  const { actor } = scope;
  return (eb: ExpressionBuilder<Database, "ijw_message">): Expression<SqlBool> => {
    if (actor.role === "toegang") return eb("ijw_message.municipality", "=", actor.municipality ?? null);
    if (actor.role === "aanbieder") {
      // A provider keeps its own correspondence for the grace after it took place (the answer to a request
      // it sent, also when refused, is its to fetch), and as long as it reaches the client it is about;
      // not longer. Messages the registry could not link to a client hold only what the provider sent.
      return eb.and([
        eb("ijw_message.provider_agb", "=", actor.providerAgb ?? null),
        eb.or([
          eb("ijw_message.client_id", "is", null),
          eb("ijw_message.dagtekening", ">=", cutoff(scope)),
          eb("ijw_message.client_id", "in", clientIdsInScope(db, scope)),
        ]),
      ]);
    }
    return nothing;
  };
}
