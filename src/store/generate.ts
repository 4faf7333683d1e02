import { sql } from "kysely";
import { TEST_BSN_COUNT, testBsns } from "../domain/bsn.ts";
import { GENERATOR, generateYear, type GeneratorRegion } from "../monitoring/generate.ts";
import { listRegionIds, loadRegion } from "../rules/load.ts";
import type { Store } from "./database.ts";

/**
 * Writes a synthetic year (src/monitoring/generate.ts) straight into the tables: multi-row INSERTs, one
 * transaction per batch of clients. The registry's per-write rule checks are not used (they would take
 * hours at national scale); the generator only makes rows that keep them. Referrals carry a minimal
 * advice `{ generated: true, segments, deadlines: [] }` and a receipt naming the generator and seed,
 * instead of an engine advice per client.
 */

export interface GenerateInput {
  clients: number;
  year: number;
  seed: number;
  /** Region ids; default every region with full members for the whole year and segments. */
  regions?: string[];
  batchSize?: number;
  /** How many clients get a test BSN (default and at most TEST_BSN_COUNT); the others get none. */
  bsnLimit?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  clients: number;
  /** Clients past the 90,909 test BSNs, registered without one (migration 0014). */
  clientsWithoutBsn: number;
  referrals: number;
  allocations: number;
  deliveryReports: number;
  declarations: number;
  declarationLines: number;
  providers: number;
  contracts: number;
  regions: string[];
  millis: number;
}

export class GenerateError extends Error {}

/** The regions to generate for: full members on every day of the year, segments valid that year. */
export async function generatorRegions(
  store: Store,
  year: number,
  only?: string[],
): Promise<GeneratorRegion[]> {
  const known = listRegionIds();
  for (const id of only ?? []) {
    if (!known.includes(id))
      throw new GenerateError(`Onbekende regio '${id}'. Bekende regio's: ${known.join(", ")}`);
  }
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const rows = await store.db
    .selectFrom("region_membership")
    .select(["municipality", "region_id"])
    .where("segments", "is", null)
    .where("valid_from", "<=", first)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", last)]))
    .orderBy("region_id")
    .orderBy("municipality")
    .execute();
  const out: GeneratorRegion[] = [];
  for (const id of only ?? known) {
    const model = loadRegion(id);
    if (model.info.kind === "baseline") continue;
    const segments = model.segments
      .filter((s) => (!s.validFrom || s.validFrom <= first) && (!s.validTo || s.validTo >= last))
      .map((s) => ({
        id: s.id,
        financing: s.financing.type,
        ...(s.duration.max ? { maxDuration: s.duration.max } : {}),
        products: s.products.map((p) => ({
          id: p.id,
          name: p.name,
          careForms: p.careForms,
          ...(p.maxDuration ? { maxDuration: p.maxDuration } : {}),
        })),
      }));
    const municipalities = rows.filter((r) => r.region_id === id).map((r) => r.municipality.trim());
    if (only && (municipalities.length === 0 || segments.length === 0)) {
      throw new GenerateError(
        `Regio '${id}' heeft in ${year} geen gemeenten die het hele jaar volledig lid zijn, of geen segmenten`,
      );
    }
    if (municipalities.length && segments.length) out.push({ id, municipalities, segments });
  }
  return out;
}

/** PostgreSQL takes at most 65,535 parameters per statement. */
async function insertAll(
  tx: Store["db"],
  table:
    | "client"
    | "referral"
    | "allocation"
    | "delivery_report"
    | "declaration_line"
    | "ijw_message"
    | "declaration"
    | "provider"
    | "contract",
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(60_000 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) {
    // The row types are checked where they are made (src/monitoring/generate.ts); Kysely's per-table
    // insert type cannot be named for a table chosen at run time.
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + per) as never)
      .execute();
  }
}

export async function generateIntoStore(store: Store, input: GenerateInput): Promise<GenerateSummary> {
  const started = performance.now();
  const already = await sql<{ n: number }>`
    select count(*)::int as n from referral where receipt ->> 'generator' = ${GENERATOR}`.execute(store.db);
  if ((already.rows[0]?.n ?? 0) > 0) {
    throw new GenerateError("De registratie bevat al gegenereerde gegevens; genereer in een lege database");
  }
  const regions = await generatorRegions(store, input.year, input.regions);
  const withBsn = Math.min(input.clients, input.bsnLimit ?? TEST_BSN_COUNT, TEST_BSN_COUNT);
  if (regions.length === 0) throw new GenerateError(`Geen regio met gemeenten en segmenten in ${input.year}`);
  const plan = generateYear(
    {
      clients: input.clients,
      year: input.year,
      seed: input.seed,
      regions,
      bsns: testBsns(withBsn, input.seed),
    },
    input.batchSize ?? 1000,
  );
  const summary: GenerateSummary = {
    clients: 0,
    clientsWithoutBsn: input.clients - withBsn,
    referrals: 0,
    allocations: 0,
    deliveryReports: 0,
    declarations: 0,
    declarationLines: 0,
    providers: plan.providers.length,
    contracts: plan.contracts.length,
    regions: regions.map((r) => r.id),
    millis: 0,
  };
  await store.db.transaction().execute(async (tx) => {
    await insertAll(tx, "provider", plan.providers as unknown as Record<string, unknown>[]);
    await insertAll(tx, "contract", plan.contracts as unknown as Record<string, unknown>[]);
  });
  for (const batch of plan.batches) {
    await store.db.transaction().execute(async (tx) => {
      await insertAll(
        tx,
        "client",
        batch.clients.map((c) => ({
          id: c.id,
          municipality: c.municipality,
          bsn_hmac: c.bsn === null ? null : store.vault.lookupHash(c.bsn),
          bsn_cipher: c.bsn === null ? null : store.vault.encrypt(c.bsn),
          birth_date: c.birth_date,
        })),
      );
      await insertAll(
        tx,
        "referral",
        batch.referrals.map((r) => ({
          ...r,
          facts: JSON.stringify(r.facts),
          advice: JSON.stringify(r.advice),
          receipt: JSON.stringify(r.receipt),
        })),
      );
      await insertAll(tx, "allocation", batch.allocations as unknown as Record<string, unknown>[]);
      await insertAll(tx, "delivery_report", batch.reports as unknown as Record<string, unknown>[]);
      await insertAll(
        tx,
        "ijw_message",
        batch.messages.map((m) => ({ ...m, body_cipher: store.vault.encrypt(`<!-- ${m.summary} -->`) })),
      );
      await insertAll(tx, "declaration", batch.declarations as unknown as Record<string, unknown>[]);
      await insertAll(tx, "declaration_line", batch.lines as unknown as Record<string, unknown>[]);
    });
    summary.clients += batch.clients.length;
    summary.referrals += batch.referrals.length;
    summary.allocations += batch.allocations.length;
    summary.deliveryReports += batch.reports.length;
    summary.declarations += batch.declarations.length;
    summary.declarationLines += batch.lines.length;
    input.onProgress?.(summary.clients, input.clients);
  }
  // A declaration's amounts are the sum of its lines, known after the last batch.
  await sql`
    update declaration d
       set submitted_amount = s.total, granted_amount = s.total
      from (select declaration_id, sum(amount) as total from declaration_line
             where declaration_id in (select id from declaration where number like 'G%' and submitted_amount = 0)
             group by declaration_id) s
     where d.id = s.declaration_id`.execute(store.db);
  // Fresh planner statistics: the first reports on a national year should not wait for autovacuum.
  await sql`analyze`.execute(store.db);
  summary.millis = Math.round(performance.now() - started);
  return summary;
}
