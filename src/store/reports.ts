import { type RawBuilder, sql } from "kysely";
import { type Actor, allows } from "../registry/access.ts";
import { type BudgetMonth, type BudgetYearClients, budgetRows } from "../monitoring/budget.ts";
import { lastMonthOver } from "../monitoring/forecast.ts";
import {
  type CatalogueProduct,
  type CatalogueSegment,
  type ReportCatalogue,
  reportCatalogue,
} from "../monitoring/report-catalogue.ts";
import {
  type CellValue,
  euro,
  hideSmallCells,
  NO_CARE_FORM,
  NO_SUBSEGMENT,
  oneDecimal,
  type Report,
  type ReportName,
  type ReportQuery,
  type ReportRow,
  REPORTS,
  SMALL_CELL,
  UNKNOWN,
} from "../monitoring/reports.ts";
import { listRegionIds } from "../rules/load.ts";
import { cachedModel } from "../rules/region-for.ts";
import { appendAudit } from "./audit.ts";
import type { Store } from "./database.ts";
import { type AccessContext, AccessDenied } from "./records.ts";

/**
 * The SQL of the monitoring reports (design.md §7, issue 8 item 2). Aggregates only: no query here
 * returns a row about one child. What the registry does not hold (subsegment, care forms, maximum
 * duration, financing, ceiling, start norm) comes from the region models as a VALUES list joined in
 * SQL, so unique clients are counted by the database, never summed from smaller groups. Runs on
 * PostgreSQL 15 and PGlite (PostgreSQL 18) alike.
 *
 * `reportRows` is the raw figures (tests, the benchmark); `reportAs` is the report as a signed-in user
 * may see it (monitoring.lezen, small cells hidden, audited); `reportAsSystem` is the command line's read.
 */

type Db = Store["db"];

interface Period {
  year: number;
  from: string;
  to: string;
  regionId: string | null;
  asOf: string;
}

const periodOf = (q: ReportQuery): Period => ({
  year: q.year,
  from: `${q.year}-01-01`,
  to: `${q.year}-12-31`,
  regionId: q.regionId ?? null,
  asOf: q.asOf,
});

/** The catalogue of every region model on disk (each read once per process: see region-for.ts). */
export function loadReportCatalogue(): ReportCatalogue {
  return reportCatalogue(listRegionIds().map(cachedModel));
}

// ---------------------------------------------------------------------------------------------------
// The region models as tables

/** An empty VALUES list is not SQL: then a select with the same columns and no rows. */
function valuesTable(columns: string[], rows: (string | null)[][]): RawBuilder<unknown> {
  const names = sql.raw(columns.join(", "));
  if (rows.length === 0)
    return sql`select ${sql.raw(columns.map((c) => `null::text as ${c}`).join(", "))} where false`;
  const tuples = rows.map((r) => sql`(${sql.join(r.map((v) => sql`${v}::text`))})`);
  return sql`select * from (values ${sql.join(tuples)}) as v(${names})`;
}

const productTable = (products: CatalogueProduct[]) =>
  valuesTable(
    ["region_id", "segment", "product", "subsegment", "max_duration"],
    products.map((p) => [p.regionId, p.segment, p.product, p.subsegment, p.maxDuration]),
  );

/** One row per product and care form; a product without care forms gets one row with null. */
const careFormTable = (products: CatalogueProduct[]) =>
  valuesTable(
    ["region_id", "segment", "product", "care_form"],
    products.flatMap((p) =>
      (p.careForms.length ? p.careForms : [null]).map((cf) => [p.regionId, p.segment, p.product, cf]),
    ),
  );

const segmentTable = (segments: CatalogueSegment[]) =>
  valuesTable(
    ["region_id", "segment", "financing", "norm"],
    segments.map((s) => [s.regionId, s.segment, s.financing, s.startNorm?.period ?? null]),
  );

// ---------------------------------------------------------------------------------------------------
// Clients, allocations and spend per dimension

type VolumeDimension =
  | "per-regio"
  | "per-gemeente"
  | "per-segment"
  | "per-subsegment"
  | "per-zorgvorm"
  | "per-aanbieder"
  | "per-maand"
  | "per-segment-per-maand";

/** The key columns of a dimension, read from the combined rows `x` (and the joins it names). */
const DIMENSIONS: Record<
  VolumeDimension,
  { keys: Record<string, string>; join?: "product" | "care" | "provider" | "municipality" }
> = {
  "per-regio": { keys: { regio: "x.region_id" } },
  "per-gemeente": { keys: { gemeente: "x.municipality", gemeenteNaam: "g.name" }, join: "municipality" },
  "per-segment": { keys: { regio: "x.region_id", segment: "x.segment" } },
  "per-subsegment": {
    keys: { regio: "x.region_id", segment: "x.segment", subsegment: "c.subsegment" },
    join: "product",
  },
  "per-zorgvorm": { keys: { zorgvorm: "c.care_form" }, join: "care" },
  "per-aanbieder": { keys: { aanbieder: "x.provider_agb", aanbiederNaam: "p.name" }, join: "provider" },
  "per-maand": { keys: { maand: "x.month" } },
  "per-segment-per-maand": { keys: { regio: "x.region_id", segment: "x.segment", maand: "x.month" } },
};

interface VolumeRow {
  [key: string]: string | number | null;
  clienten: number;
  toewijzingen: number;
  uitgaven: string | null;
}

async function volumeRows(
  db: Db,
  name: VolumeDimension,
  p: Period,
  catalogue: ReportCatalogue,
): Promise<VolumeRow[]> {
  const dim = DIMENSIONS[name];
  const keyNames = Object.keys(dim.keys);
  const keySelect = sql.raw(
    Object.entries(dim.keys)
      .map(([alias, expr]) => `${expr} as "${alias}"`)
      .join(", "),
  );
  const groupBy = sql.raw(Object.values(dim.keys).join(", "));
  const orderBy = sql.raw(keyNames.map((k) => `"${k}"`).join(", "));
  const byMonth = name === "per-maand" || name === "per-segment-per-maand";
  const join =
    dim.join === "product"
      ? sql`left join cat c on c.region_id = x.region_id and c.segment = x.segment and c.product = x.product`
      : dim.join === "care"
        ? sql`left join care c on c.region_id = x.region_id and c.segment = x.segment and c.product = x.product`
        : dim.join === "provider"
          ? sql`left join provider p on p.agb = x.provider_agb`
          : dim.join === "municipality"
            ? sql`left join municipality g on g.cbs = x.municipality`
            : sql``;
  // Allocations that run in the year (per month: one row per month they run in), and approved
  // declaration lines whose period starts in the year, in one set: a client counts once per key.
  const allocationMonth = byMonth ? sql`to_char(mo.m, 'YYYY-MM')` : sql`null::text`;
  const months = byMonth
    ? sql`cross join lateral generate_series(
          date_trunc('month', greatest(a.start_date, ${p.from}::date)::timestamp),
          least(coalesce(a.end_date, ${p.to}::date), ${p.to}::date)::timestamp,
          interval '1 month') as mo(m)`
    : sql``;
  const result = await sql<VolumeRow>`
    with cat as (${productTable(catalogue.products)}),
    care as (${careFormTable(catalogue.products)}),
    x as (
      select a.client_id, a.id as allocation_id, a.region_id, a.segment, a.product, a.municipality,
             a.provider_agb, ${allocationMonth} as month, 0::bigint as amount
        from allocation a ${months}
       where a.start_date <= ${p.to}::date
         and (a.end_date is null or a.end_date >= ${p.from}::date)
         and (${p.regionId}::text is null or a.region_id = ${p.regionId}::text)
      union all
      select l.client_id, null::uuid, a.region_id, a.segment, a.product, l.municipality,
             l.provider_agb, to_char(l.period_start, 'YYYY-MM'),
             case when l.debit_credit = 'C' then -l.amount else l.amount end
        from declaration_line l
        left join allocation a on a.id = l.allocation_id
       where l.approved
         and l.period_start between ${p.from}::date and ${p.to}::date
         and (${p.regionId}::text is null or a.region_id = ${p.regionId}::text)
    )
    select ${keySelect},
           count(distinct x.client_id)::int as clienten,
           count(distinct x.allocation_id)::int as toewijzingen,
           sum(x.amount)::text as uitgaven
      from x ${join}
     group by ${groupBy}
     order by ${orderBy}`.execute(db);
  return result.rows;
}

// ---------------------------------------------------------------------------------------------------
// The other reports

interface PxqRow {
  regio: string | null;
  segment: string | null;
  product: string | null;
  eenheid: string;
  clienten: number;
  regels: number;
  volume: string;
  bedrag: string;
  volumeMaalTarief: string | null;
}

async function pxqRows(db: Db, p: Period): Promise<PxqRow[]> {
  const result = await sql<PxqRow>`
    select a.region_id as regio, a.segment, a.product, l.unit as eenheid,
           count(distinct l.client_id)::int as clienten, count(*)::int as regels,
           sum(case when l.debit_credit = 'C' then -l.volume else l.volume end)::text as volume,
           sum(case when l.debit_credit = 'C' then -l.amount else l.amount end)::text as bedrag,
           sum(case when l.debit_credit = 'C' then -l.volume * l.tariff else l.volume * l.tariff end)::text
             as "volumeMaalTarief"
      from declaration_line l
      left join allocation a on a.id = l.allocation_id
     where l.approved
       and l.period_start between ${p.from}::date and ${p.to}::date
       and (${p.regionId}::text is null or a.region_id = ${p.regionId}::text)
     group by a.region_id, a.segment, a.product, l.unit
     order by 1, 2, 3, 4`.execute(db);
  return result.rows;
}

interface WaitRow {
  regio: string;
  segment: string;
  starts: number;
  clienten: number;
  mediaan: number | string;
  p90: number | string;
  norm: string | null;
  binnenNorm: number;
}

async function waitingRows(db: Db, p: Period, catalogue: ReportCatalogue): Promise<WaitRow[]> {
  // Per allocation with a referral: its first start that was not withdrawn (the delivery view).
  const result = await sql<WaitRow>`
    with seg as (${segmentTable(catalogue.segments)}),
    st as (
      select a.id, a.client_id, a.region_id, a.segment, r.request_date, min(d.started_on) as started_on
        from allocation a
        join referral r on r.id = a.referral_id
        join delivery d on d.allocation_id = a.id
       where (${p.regionId}::text is null or a.region_id = ${p.regionId}::text)
       group by a.id, a.client_id, a.region_id, a.segment, r.request_date
    )
    select st.region_id as regio, st.segment,
           count(*)::int as starts, count(distinct st.client_id)::int as clienten,
           percentile_cont(0.5) within group (order by (st.started_on - st.request_date)) as mediaan,
           percentile_cont(0.9) within group (order by (st.started_on - st.request_date)) as p90,
           s.norm,
           count(*) filter (
             where s.norm is not null and st.started_on <= (st.request_date + s.norm::interval)::date
           )::int as "binnenNorm"
      from st
      left join seg s on s.region_id = st.region_id and s.segment = st.segment
     where st.started_on between ${p.from}::date and ${p.to}::date
     group by st.region_id, st.segment, s.norm
     order by 1, 2`.execute(db);
  return result.rows;
}

interface DurationRow {
  regio: string;
  segment: string;
  product: string;
  maximum: string | null;
  clienten: number;
  toewijzingen: number;
  langer: number | null;
  bijna: number | null;
  binnen: number | null;
}

/** "Near" the maximum: from this share of it (a Wegwijzer choice, like marge-bijna-vuistregel). */
export const NEAR_MAXIMUM = 0.9;

async function durationRows(db: Db, p: Period, catalogue: ReportCatalogue): Promise<DurationRow[]> {
  // The last allowed day is start + maximum - 1 day (P1Y from 1 March runs to 28/29 February).
  const result = await sql<DurationRow>`
    with cat as (${productTable(catalogue.products)}),
    x as (
      select a.region_id, a.segment, a.product, a.client_id, c.max_duration,
             a.start_date as s, coalesce(a.end_date, ${p.asOf}::date) as e,
             case when c.max_duration is null then null
                  else (a.start_date + c.max_duration::interval)::date - 1 end as lim
        from allocation a
        left join cat c on c.region_id = a.region_id and c.segment = a.segment and c.product = a.product
       where a.start_date <= ${p.to}::date
         and (a.end_date is null or a.end_date >= ${p.from}::date)
         and (${p.regionId}::text is null or a.region_id = ${p.regionId}::text)
    )
    select region_id as regio, segment, product, max_duration as maximum,
           count(distinct client_id)::int as clienten, count(*)::int as toewijzingen,
           case when max_duration is null then null
                else (count(*) filter (where e > lim))::int end as langer,
           case when max_duration is null then null
                else (count(*) filter (
                  where e <= lim and (e - s + 1) >= ${NEAR_MAXIMUM}::numeric * (lim - s + 1)))::int end as bijna,
           case when max_duration is null then null
                else (count(*) filter (where (e - s + 1) < ${NEAR_MAXIMUM}::numeric * (lim - s + 1)))::int end as binnen
      from x
     group by region_id, segment, product, max_duration
     order by 1, 2, 3`.execute(db);
  return result.rows;
}

interface ProviderRow {
  regio: string;
  aanbieder: string;
  aanbiederNaam: string | null;
  segment: string;
  clienten: number;
  toewijzingen: number;
}

async function uniqueClientRows(db: Db, p: Period): Promise<ProviderRow[]> {
  const result = await sql<ProviderRow>`
    select a.region_id as regio, a.provider_agb as aanbieder, pr.name as "aanbiederNaam", a.segment,
           count(distinct a.client_id)::int as clienten, count(*)::int as toewijzingen
      from allocation a
      left join provider pr on pr.agb = a.provider_agb
     where a.start_date <= ${p.to}::date
       and (a.end_date is null or a.end_date >= ${p.from}::date)
       and (${p.regionId}::text is null or a.region_id = ${p.regionId}::text)
     group by a.region_id, a.provider_agb, pr.name, a.segment
     order by 1, 2, 4`.execute(db);
  return result.rows;
}

async function budgetFigures(
  db: Db,
  p: Period,
  segments: CatalogueSegment[],
): Promise<{ months: BudgetMonth[]; year: BudgetYearClients[] }> {
  const over = lastMonthOver(p.year, p.asOf);
  const lastDay =
    over === 0 ? `${p.year - 1}-12-31` : new Date(Date.UTC(p.year, over, 0)).toISOString().slice(0, 10);
  const months = await sql<{
    regionId: string;
    segment: string;
    month: number;
    clients: number;
    allocations: number;
    careDays: number;
  }>`
    with seg as (${segmentTable(segments)}),
    mo as (
      select m, make_date(${p.year}::int, m, 1) as ms,
             (make_date(${p.year}::int, m, 1) + interval '1 month')::date - 1 as me
        from generate_series(1, 12) as g(m)
    )
    select a.region_id as "regionId", a.segment, mo.m as month,
           count(distinct a.client_id)::int as clients, count(*)::int as allocations,
           sum(least(coalesce(a.end_date, mo.me), mo.me) - greatest(a.start_date, mo.ms) + 1)::int as "careDays"
      from allocation a
      join seg s on s.region_id = a.region_id and s.segment = a.segment
      join mo on a.start_date <= mo.me and (a.end_date is null or a.end_date >= mo.ms)
     where (${p.regionId}::text is null or a.region_id = ${p.regionId}::text)
     group by a.region_id, a.segment, mo.m`.execute(db);
  const year = await sql<BudgetYearClients>`
    with seg as (${segmentTable(segments)})
    select a.region_id as "regionId", a.segment, count(distinct a.client_id)::int as clients
      from allocation a
      join seg s on s.region_id = a.region_id and s.segment = a.segment
     where a.start_date <= ${lastDay}::date
       and (a.end_date is null or a.end_date >= ${p.from}::date)
       and (${p.regionId}::text is null or a.region_id = ${p.regionId}::text)
     group by a.region_id, a.segment`.execute(db);
  return { months: months.rows, year: year.rows };
}

// ---------------------------------------------------------------------------------------------------
// Reports

const financingOf = (catalogue: ReportCatalogue, regionId: CellValue, segment: CellValue) =>
  catalogue.segments.find((s) => s.regionId === regionId && s.segment === segment)?.financing ?? null;

/** Every figure of a report, no cell hidden: for tests and the benchmark, never for a user. */
export async function reportRows(
  store: Store,
  name: ReportName,
  query: ReportQuery,
  catalogue: ReportCatalogue = loadReportCatalogue(),
): Promise<Report> {
  const p = periodOf(query);
  const { db } = store;
  const segments = catalogue.segments.filter((s) => p.regionId === null || s.regionId === p.regionId);
  let rijen: ReportRow[];
  switch (name) {
    case "per-regio":
    case "per-gemeente":
    case "per-segment":
    case "per-subsegment":
    case "per-zorgvorm":
    case "per-aanbieder":
    case "per-maand":
    case "per-segment-per-maand":
      rijen = (await volumeRows(db, name, p, catalogue)).map((r) => {
        const row: ReportRow = { ...r, uitgaven: euro(r.uitgaven) };
        if ("regio" in row && row.regio === null) row.regio = UNKNOWN;
        if ("segment" in row && row.segment === null) row.segment = UNKNOWN;
        if (name === "per-subsegment" && row.subsegment === null)
          row.subsegment = row.segment === UNKNOWN ? UNKNOWN : NO_SUBSEGMENT;
        if (name === "per-zorgvorm" && row.zorgvorm === null) row.zorgvorm = NO_CARE_FORM;
        if (name === "per-segment")
          row.bekostiging = financingOf(catalogue, r.regio ?? null, r.segment ?? null);
        return Object.fromEntries(REPORTS[name].kolommen.map((c) => [c.id, row[c.id] ?? null]));
      });
      break;
    case "pxq":
      rijen = (await pxqRows(db, p)).map((r) => ({
        regio: r.regio ?? UNKNOWN,
        segment: r.segment ?? UNKNOWN,
        product: r.product ?? UNKNOWN,
        eenheid: r.eenheid,
        clienten: r.clienten,
        regels: r.regels,
        volume: Number(r.volume),
        gemiddeldTarief: Number(r.volume) === 0 ? null : euro(Number(r.bedrag) / Number(r.volume)),
        bedrag: euro(r.bedrag),
        volumeMaalTarief: euro(r.volumeMaalTarief),
      }));
      break;
    case "wachttijd":
      rijen = (await waitingRows(db, p, catalogue)).map((r) => ({
        regio: r.regio,
        segment: r.segment,
        starts: r.starts,
        clienten: r.clienten,
        mediaan: oneDecimal(r.mediaan),
        p90: oneDecimal(r.p90),
        norm: r.norm,
        binnenNorm: r.norm === null ? null : r.binnenNorm,
        aandeelBinnenNorm: r.norm === null ? null : oneDecimal((100 * r.binnenNorm) / r.starts),
      }));
      break;
    case "duur":
      rijen = (await durationRows(db, p, catalogue)).map((r) => ({ ...r, maximum: r.maximum ?? "geen" }));
      break;
    case "unieke-clienten":
      rijen = (await uniqueClientRows(db, p)).map((r) => ({ ...r }));
      break;
    case "budget-taakgericht": {
      const figures = await budgetFigures(db, p, segments);
      rijen = budgetRows(segments, figures.months, figures.year, p.year, p.asOf);
      break;
    }
  }
  const definition = REPORTS[name];
  // One order on both engines: their collations sort text differently, so the keys are sorted here by
  // code point (the budget rows are in month order already).
  if (name !== "budget-taakgericht") {
    const keys = definition.kolommen.filter((c) => c.soort === "tekst").map((c) => c.id);
    const text = (v: CellValue | undefined) => (v === null || v === undefined ? "\uffff" : String(v));
    rijen.sort((a, b) => {
      for (const k of keys) {
        const x = text(a[k]);
        const y = text(b[k]);
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
  }
  return {
    naam: name,
    titel: definition.titel,
    jaar: p.year,
    regio: p.regionId,
    peildatum: p.asOf,
    kleinsteAantal: SMALL_CELL,
    kolommen: definition.kolommen,
    rijen,
    toelichting: definition.toelichting,
  };
}

// ---------------------------------------------------------------------------------------------------
// Access and audit

const detailOf = (name: ReportName, query: ReportQuery) => ({
  rapport: name,
  jaar: query.year,
  regio: query.regionId ?? null,
  peildatum: query.asOf,
});

/**
 * A report as a signed-in user may see it. Reports are aggregates over every client, so the action is
 * monitoring.lezen (beleid, beheer); other roles, the coalition included, are refused and the refusal is
 * logged, as in allocationCounts (records.ts). Small cells are hidden for everyone.
 */
export async function reportAs(
  ctx: AccessContext,
  name: ReportName,
  query: ReportQuery,
  catalogue?: ReportCatalogue,
): Promise<Report> {
  const actor: Actor = ctx.actor;
  const trace = ctx.traceId ? { traceId: ctx.traceId } : {};
  if (!allows(actor, "monitoring.lezen")) {
    await appendAudit(ctx.store.db, {
      actor,
      action: "lezen",
      resource: "rapport",
      resourceId: name,
      purpose: "beleid",
      outcome: "geweigerd",
      detail: { actie: "monitoring.lezen", ...detailOf(name, query) },
      ...trace,
    });
    throw new AccessDenied(actor, "monitoring.lezen");
  }
  const report = hideSmallCells(await reportRows(ctx.store, name, query, catalogue));
  await appendAudit(ctx.store.db, {
    actor,
    action: "lezen",
    resource: "rapport",
    resourceId: name,
    purpose: "beleid",
    outcome: "ok",
    detail: { ...detailOf(name, query), rijen: report.rijen.length },
    ...trace,
  });
  return report;
}

/**
 * The command line reads as the system (no signed-in user), like the other command-line reads
 * (registry-commands.ts logCliRead): logged with actor null, and with the small cells hidden too, since
 * what it prints or writes is meant to be passed on.
 */
export async function reportAsSystem(
  store: Store,
  name: ReportName,
  query: ReportQuery,
  catalogue?: ReportCatalogue,
): Promise<Report> {
  const report = hideSmallCells(await reportRows(store, name, query, catalogue));
  await appendAudit(store.db, {
    actor: null,
    action: "lezen",
    resource: "rapport",
    resourceId: name,
    purpose: "beleid",
    outcome: "ok",
    detail: { ...detailOf(name, query), rijen: report.rijen.length, via: "commandoregel" },
  });
  return report;
}
