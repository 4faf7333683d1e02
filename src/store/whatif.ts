import { sql } from "kysely";
import type { Actor, Purpose } from "../registry/access.ts";
import { type BudgetBasis, type BudgetEffect, budgetEffect } from "../monitoring/whatif-budget.ts";
import type { Period, PreparedWhatIf } from "../monitoring/whatif-parameters.ts";
import { type StoredReferral, type WhatIfOutcome, whatIfRun } from "../monitoring/whatif.ts";
import { appendAudit, newTraceId } from "./audit.ts";
import type { Store } from "./database.ts";

/**
 * The what-if's SQL (issue 8, item 3): the stored referrals of a region and period, page by page, and
 * the period's declared spend and allocated clients per segment that value a move. The re-evaluation
 * itself is pure (src/monitoring/whatif.ts).
 */

/**
 * The referrals of a region with a request date in the period, in (request date, id) order, read in
 * pages (keyset, not offset) so a national year never sits in memory as one result.
 */
export async function* referralsInPeriod(
  store: Store,
  regionId: string,
  period: Period,
  pageSize = 2000,
): AsyncGenerator<StoredReferral[]> {
  let after: { date: string; id: string } | undefined;
  for (;;) {
    let q = store.db
      .selectFrom("referral")
      .select(["id", "client_id", "request_date", "facts", "segments"])
      .where("region_id", "=", regionId)
      .where("request_date", ">=", period.from)
      .where("request_date", "<=", period.to)
      .orderBy("request_date")
      .orderBy("id")
      .limit(pageSize);
    if (after) {
      const { date, id } = after;
      q = q.where((eb) =>
        eb.or([eb("request_date", ">", date), eb.and([eb("request_date", "=", date), eb("id", ">", id)])]),
      );
    }
    const rows = await q.execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      requestDate: r.request_date,
      // jsonb arrives parsed from both engines; a text column (older rows) as its JSON text.
      facts: typeof r.facts === "string" ? (JSON.parse(r.facts) as unknown) : r.facts,
      segments: r.segments ? r.segments.split(",") : [],
    }));
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = { date: last.request_date, id: last.id };
  }
}

/**
 * Per segment of the region's allocations: the approved declared amount (debit − credit, cents) of the
 * declaration lines whose period starts in the period, with the distinct clients on them; and the
 * distinct clients with an allocation running on some day of the period.
 */
export async function budgetBasis(store: Store, regionId: string, period: Period): Promise<BudgetBasis> {
  const declared = await store.db
    .selectFrom("declaration_line as l")
    .innerJoin("allocation as a", "a.id", "l.allocation_id")
    .select([
      "a.segment",
      sql<string>`sum(case when l.debit_credit = 'C' then -l.amount else l.amount end)`.as("amount"),
      sql<string>`count(distinct a.client_id)`.as("clients"),
    ])
    .where("a.region_id", "=", regionId)
    .where("l.approved", "=", true)
    .where("l.period_start", ">=", period.from)
    .where("l.period_start", "<=", period.to)
    .groupBy("a.segment")
    .orderBy("a.segment")
    .execute();
  const allocated = await store.db
    .selectFrom("allocation")
    .select(["segment", sql<string>`count(distinct client_id)`.as("clients")])
    .where("region_id", "=", regionId)
    .where("start_date", "<=", period.to)
    .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", period.from)]))
    .groupBy("segment")
    .orderBy("segment")
    .execute();
  return {
    period,
    declared: declared.map((d) => ({
      segment: d.segment,
      amountCents: Number(d.amount),
      clients: Number(d.clients),
    })),
    allocated: allocated.map((a) => ({ segment: a.segment, clients: Number(a.clients) })),
  };
}

/**
 * The audit records of a what-if: one per client whose referral was read (NEN 7513), written in one
 * transaction in chunks (one INSERT per chunk keeps under PostgreSQL's 65,535 parameters).
 */
export async function auditWhatIfRead(
  store: Store,
  input: {
    actor: Actor | null;
    purpose: Purpose;
    clientIds: string[];
    regionId: string;
    via: string;
    traceId?: string;
  },
): Promise<void> {
  const ids = [...new Set(input.clientIds)];
  // One trace id for the whole read, also across the chunks below.
  const traceId = input.traceId ?? newTraceId();
  const entries = (ids.length > 0 ? ids : [null]).map((clientId) => ({
    actor: input.actor,
    action: "lezen" as const,
    resource: "verwijzing",
    clientId,
    purpose: input.purpose,
    outcome: "ok" as const,
    detail: { via: input.via, doel: "wat-als", regio: input.regionId },
    traceId,
  }));
  await store.db.transaction().execute(async (tx) => {
    for (let i = 0; i < entries.length; i += 1000) await appendAudit(tx, entries.slice(i, i + 1000));
  });
}

export interface WhatIfReport {
  outcome: WhatIfOutcome;
  budget: BudgetEffect;
}

/**
 * Runs a prepared what-if over the region's stored referrals of the period and values the moves.
 * Writes no audit record: the caller does, naming its actor and purpose (auditWhatIfRead).
 */
export async function whatIfOverStore(
  store: Store,
  prepared: PreparedWhatIf,
  options: { sampleSize?: number } = {},
): Promise<WhatIfReport> {
  const regionId = prepared.current.model.info.id;
  const run = whatIfRun(prepared.current, prepared.changed, options);
  for await (const page of referralsInPeriod(store, regionId, prepared.period)) {
    for (const row of page) run.add(row);
  }
  const outcome = run.result();
  const basis = await budgetBasis(store, regionId, prepared.period);
  return {
    outcome,
    budget: budgetEffect(prepared.current.model, prepared.changed.model, outcome.moves, basis),
  };
}
