/**
 * A synthetic registry year (issue 8, item 1): clients, referrals, providers with contracts, allocations,
 * starts and stops and declaration lines, deterministic by seed. Pure: no I/O, no clock, no crypto; the
 * store (src/store/generate.ts) encrypts the BSNs and writes the rows in batches.
 *
 * The rows keep the registry's rules by construction, because the bulk load skips the per-write checks:
 * every allocation has a contract of its provider for its segment and product on every day of its
 * period; a client never has two allocations of one product (so no overlap of product + provider +
 * period); the client's municipality is a full member of the allocation's region for the whole year (the
 * caller passes only such municipalities); a declaration line lies within its allocation's period and
 * its amount is volume × tariff.
 *
 * Distributions and where they come from (docs/development.md "Synthetic data" repeats this):
 * - Care with stay (verblijf) vs without: 41k of 474k young people with youth care in 2023 had a stay
 *   (CBS Jeugdmonitor 2024, ../shared/docs/ijw-3.2.md §5): P(verblijf) = 41/474 ≈ 8.6%.
 * - Allocations per client: ~600,000 allocations for ~500,000 clients a year (issue 8; CBS: 593k
 *   trajectories in 2019 for ~470k young people, ijw-3.2.md §5): mean 1.2, as 1 + P(2nd) 15% + P(3rd) 2.5%
 *   of which the split is an ASSUMPTION.
 * - Tariffs per unit: Bollenstreek ZIN/pgb tariffs 2024 (../shared/docs/regions.md §5.1): ambulant €78.00
 *   per hour (45A48 HBO), jeugd-GGZ €111.60 per hour (54004 WO), dagbehandeling €68.82 per dagdeel (41A00),
 *   verblijf €163.59 per etmaal (44A08 gezinshuis), verblijf with treatment and crisis €195.91 per etmaal
 *   (44A27 GGZ). Per provider ±10% around it: ASSUMPTION (SPIC segment C negotiates per provider,
 *   regions.md §4.4). Trajectory prices (SPIC B/C): €500 a month, 1/12 of the highest B tariff €6,000
 *   (regions.md §4.4, "duurzaam: 12 equal parts"), a SIMPLIFICATION of the 70/30 split of herstel.
 * - Units: iJw WJ756 (regions.md §0.2): 04 uur, 16 dagdeel, 14 etmaal, 82 stuks (output).
 * - ASSUMPTIONS (no source gives a figure): ages (0–3 10%, 4–11 40%, 12–17 45%, 18–22 5%); municipality
 *   uniform over the regions' municipalities; waiting time referral → start uniform 0–63 days (so about
 *   2/3 within Segment 1's 6-week norm); duration ambulant 3–12 months, day care 6–12, stay 6–24, crisis
 *   1–3 months, never beyond the model's maxDuration; monthly volume ambulant 4–12 hours, day care 4–16
 *   dagdelen, stay every day; providers per region max(3, segments, min(60, ⌈clients/250⌉)), each contracted
 *   for 1–2 segments (every segment at least one provider); 5% of allocations stop early (JZ588 34), the
 *   rest stop as planned (31) when they end inside the year; no rejected declaration lines.
 */

export interface GeneratorProduct {
  id: string;
  name: string;
  careForms: string[];
  maxDuration?: string;
}

export interface GeneratorSegment {
  id: string;
  financing: "taakgericht" | "pxq" | "trajectprijs" | "onbekend";
  maxDuration?: string;
  products: GeneratorProduct[];
}

export interface GeneratorRegion {
  id: string;
  /** CBS codes that are full members of the region on every day of the year. */
  municipalities: string[];
  segments: GeneratorSegment[];
}

export interface GenerateOptions {
  clients: number;
  year: number;
  seed: number;
  regions: GeneratorRegion[];
  /**
   * Test BSNs (src/domain/bsn.ts testBsns) for the first clients; the clients past the end of the list
   * have no BSN (a national year needs more clients than the 90,909 test numbers; migration 0014).
   */
  bsns: string[];
}

export const GENERATOR = "wegwijzer-generate/1";

// ---------------------------------------------------------------- PRNG

/** mulberry32: a small, well-known 32-bit generator (Tommy Ettinger); good enough for synthetic data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  }
}

// ---------------------------------------------------------------- dates (UTC day numbers)

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()) / DAY;
}
/** The last day of a period of an ISO duration (P2Y, P18M, P6W, P30D) that starts on `start`. */
function maxEnd(start: number, duration: string | undefined): number {
  if (!duration) return Number.POSITIVE_INFINITY;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!m) return Number.POSITIVE_INFINITY;
  const months = Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0);
  return addMonths(start, months) + Number(m[3] ?? 0) * 7 + Number(m[4] ?? 0) - 1;
}

// ---------------------------------------------------------------- care kinds, tariffs, ids

export type CareKind =
  "ambulant" | "ggz" | "dag" | "verblijf" | "verblijf-behandeling" | "crisis" | "traject";

/** Category (JZ020), unit (WJ756) and base tariff in cents per unit; sources in the header comment. */
export const careKinds: Record<CareKind, { category: string; unit: string; tariff: number }> = {
  ambulant: { category: "45", unit: "04", tariff: 7800 },
  ggz: { category: "54", unit: "04", tariff: 11160 },
  dag: { category: "41", unit: "16", tariff: 6882 },
  verblijf: { category: "44", unit: "14", tariff: 16359 },
  "verblijf-behandeling": { category: "43", unit: "14", tariff: 19591 },
  crisis: { category: "46", unit: "14", tariff: 19591 },
  traject: { category: "50", unit: "82", tariff: 50000 },
};

/** The kind of care of a product, from its name and care forms. */
export function careKindOf(segment: GeneratorSegment, product: GeneratorProduct): CareKind {
  const text = `${product.id} ${product.name} ${product.careForms.join(" ")}`.toLowerCase();
  if (/crisis/.test(text)) return "crisis";
  if (/behandelverblijf|gesloten|intramura|verblijf-(middel)?zwaar|verblijf-extra|driemilieu/.test(text)) {
    return "verblijf-behandeling";
  }
  if (/verblijf|pleegzorg|gezinshuis|woonleefgroep|kamertraining|fasehuis|logeer|respijt/.test(text)) {
    return "verblijf";
  }
  if (/dag(begeleiding|besteding|behandeling)|school|sno-|dagbesteding/.test(text)) return "dag";
  if (segment.financing === "trajectprijs") return "traject";
  if (/ggz/.test(text)) return "ggz";
  return "ambulant";
}

const isStay = (k: CareKind) => k === "verblijf" || k === "verblijf-behandeling";

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
/** A uuid-shaped id from the seed, the table and a counter: the same seed gives the same ids. */
export function generatedId(seed: number, table: number, n: number): string {
  return `${hex(seed >>> 0, 8)}-${hex(table, 4)}-4000-8000-${hex(n, 12)}`;
}
const T = { client: 1, referral: 2, allocation: 3, report: 4, message: 5, declaration: 6, line: 7 } as const;

// ---------------------------------------------------------------- rows

export interface ProviderRow {
  agb: string;
  name: string;
}
export interface ContractRow {
  provider_agb: string;
  region_id: string;
  segment: string;
  product: string;
  valid_from: string;
  valid_to: null;
  ijw_category: string | null;
  ijw_code: string | null;
  tariff: number | null;
}
export interface ClientRow {
  id: string;
  municipality: string;
  /** Null past the test numbers: such a client is counted and reported on, never found by BSN. */
  bsn: string | null;
  birth_date: string;
}
export interface ReferralRow {
  id: string;
  client_id: string;
  municipality: string;
  region_id: string;
  request_date: string;
  facts: unknown;
  advice: unknown;
  receipt: unknown;
  segments: string;
  idempotency_key: string;
}
export interface AllocationRow {
  id: string;
  number: string;
  client_id: string;
  referral_id: string;
  municipality: string;
  region_id: string;
  segment: string;
  product: string;
  provider_agb: string;
  start_date: string;
  end_date: string;
  volume: number | null;
  unit: string | null;
  frequency: string | null;
  budget: null;
  status: "actief";
  end_reason: null;
  task_based: boolean;
  idempotency_key: string;
  request: null;
  ijw_category: string | null;
  ijw_code: string | null;
}
export interface DeliveryReportRow {
  id: string;
  kind: "start" | "stop";
  municipality: string;
  provider_agb: string;
  client_id: string;
  allocation_id: string;
  product_category: string | null;
  product_code: string | null;
  begin_date: string;
  end_date: string | null;
  reason: string | null;
  reported_on: string;
}
export interface DeclarationLineRow {
  id: string;
  declaration_id: string;
  municipality: string;
  provider_agb: string;
  client_id: string;
  allocation_id: string;
  toewijzing_nummer: number;
  reference: string;
  previous_reference: null;
  product_category: string;
  product_code: string;
  period_start: string;
  period_end: string;
  volume: number;
  unit: string;
  tariff: number;
  amount: number;
  debit_credit: "D";
  approved: true;
  retour_codes: null;
}
export interface DeclarationRow {
  id: string;
  message_id: string;
  municipality: string;
  provider_agb: string;
  number: string;
  period_start: string;
  period_end: string;
  signed_on: string;
  submitted_amount: number;
  submitted_dc: "D";
  granted_amount: number;
  granted_dc: "D";
  status: "toegekend";
  received_on: string;
  answer_due: string;
  answered_on: string;
}
/** The synthetic JW323 a declaration row must reference (declaration.message_id is not null). */
export interface MessageRow {
  id: string;
  direction: "in";
  type: "JW323";
  sender: string;
  receiver: string;
  identificatie: string;
  dagtekening: string;
  content_hash: string;
  municipality: string;
  provider_agb: string;
  client_id: null;
  in_reply_to: null;
  status: string;
  summary: string;
}

/** One batch: a slice of clients with everything that hangs off them. */
export interface ClientBatch {
  clients: ClientRow[];
  referrals: ReferralRow[];
  allocations: AllocationRow[];
  reports: DeliveryReportRow[];
  lines: DeclarationLineRow[];
  /** Declarations first seen in this batch (amounts 0: the store sums the lines at the end) and their messages. */
  declarations: DeclarationRow[];
  messages: MessageRow[];
}

export interface Plan {
  providers: ProviderRow[];
  contracts: ContractRow[];
  batches: Iterable<ClientBatch>;
}

interface Offer {
  region: GeneratorRegion;
  segment: GeneratorSegment;
  product: GeneratorProduct;
  kind: CareKind;
  code: string;
  providers: { agb: string; tariff: number }[];
}

/**
 * The plan of a synthetic year. Clients are produced lazily in batches of `batchSize`, so a national run
 * never holds all rows in memory; declarations are summed per provider, municipality and month as the
 * batches pass and are returned by `declarations()` after the last batch.
 */
export function generateYear(options: GenerateOptions, batchSize = 1000): Plan {
  const { seed, year } = options;
  const regions = options.regions.filter((r) => r.municipalities.length > 0 && r.segments.length > 0);
  if (regions.length === 0) throw new RangeError("geen regio met gemeenten en segmenten in dit jaar");
  const setup = new Random(mulberry32(seed ^ 0x9e3779b9));
  const yearStart = dayOf(`${year}-01-01`);
  const yearEnd = dayOf(`${year}-12-31`);

  // Providers and contracts per region.
  const providers: ProviderRow[] = [];
  const contracts: ContractRow[] = [];
  const offers: Offer[] = [];
  let agbCounter = 0;
  const perRegion = Math.max(3, Math.min(60, Math.ceil(options.clients / regions.length / 250)));
  for (const region of regions) {
    const agbs: string[] = [];
    // At least one provider per segment: with fewer, a small year left whole segments without care
    // (Hart van Brabant's segment 4, the most common one, was missing at 300 clients).
    for (let i = 0; i < Math.max(perRegion, region.segments.length); i++) {
      agbCounter += 1;
      // 99…: outside the AGB range of real youth-care providers (AGB codes of care providers start 0–9x
      // by type; 99 is used here only for synthetic data, an ASSUMPTION that keeps them recognisable).
      const agb = `99${String((seed >>> 0) % 100).padStart(2, "0")}${String(agbCounter).padStart(4, "0")}`;
      agbs.push(agb);
      providers.push({ agb, name: `Synthetische aanbieder ${agbCounter} (${region.id})` });
    }
    const bySegment = new Map<string, string[]>(region.segments.map((s) => [s.id, []]));
    agbs.forEach((agb, i) => {
      const first = region.segments[i % region.segments.length]!;
      bySegment.get(first.id)!.push(agb);
      if (region.segments.length > 1 && setup.chance(0.5)) {
        const other = setup.pick(region.segments.filter((s) => s.id !== first.id));
        bySegment.get(other.id)!.push(agb);
      }
    });
    region.segments.forEach((segment) => {
      const products = segment.products.length
        ? segment.products
        : [{ id: `segment-${segment.id.toLowerCase()}`, name: `segment ${segment.id}`, careForms: [] }];
      products.forEach((product, pi) => {
        const kind = careKindOf(segment, product);
        const info = careKinds[kind];
        const taskBased = segment.financing === "taakgericht";
        const code = `${info.category}S${String(pi).padStart(2, "0")}`;
        const offer: Offer = { region, segment, product, kind, code, providers: [] };
        for (const agb of bySegment.get(segment.id)!) {
          const tariff = taskBased ? 0 : Math.round(info.tariff * (0.9 + setup.next() * 0.2));
          offer.providers.push({ agb, tariff });
          contracts.push({
            provider_agb: agb,
            region_id: region.id,
            segment: segment.id,
            product: product.id,
            valid_from: `${year - 1}-01-01`,
            valid_to: null,
            ijw_category: taskBased ? null : info.category,
            ijw_code: taskBased ? null : code,
            tariff: taskBased ? null : tariff,
          });
        }
        offers.push(offer);
      });
    });
  }
  const offersByRegion = new Map(regions.map((r) => [r.id, offers.filter((o) => o.region === r)]));
  const municipalities = regions.flatMap((r) => r.municipalities.map((cbs) => ({ cbs, region: r })));

  // Declarations: one per provider × municipality × month, made when its first line is.
  const declarationIds = new Map<string, string>();
  let current: ClientBatch | undefined;
  const declarationFor = (provider: string, municipality: string, month: number): string => {
    const key = `${provider}|${municipality}|${month}`;
    const known = declarationIds.get(key);
    if (known) return known;
    const n = declarationIds.size + 1;
    const id = generatedId(seed, T.declaration, n);
    declarationIds.set(key, id);
    const monthStart = Date.UTC(year, month, 1) / DAY;
    const monthEnd = Date.UTC(year, month + 1, 1) / DAY - 1;
    const received = monthEnd + 6;
    const number = `G${year}${String(month + 1).padStart(2, "0")}-${n}`;
    const messageId = generatedId(seed, T.message, n);
    current!.messages.push({
      id: messageId,
      direction: "in",
      type: "JW323",
      sender: provider,
      receiver: municipality,
      identificatie: number,
      dagtekening: isoOf(received),
      content_hash: `generated:${seed}:${n}`,
      municipality,
      provider_agb: provider,
      client_id: null,
      in_reply_to: null,
      status: "verwerkt",
      summary: `gegenereerd (${GENERATOR}, seed ${seed})`,
    });
    current!.declarations.push({
      id,
      message_id: messageId,
      municipality,
      provider_agb: provider,
      number,
      period_start: isoOf(monthStart),
      period_end: isoOf(monthEnd),
      signed_on: isoOf(received),
      submitted_amount: 0,
      submitted_dc: "D",
      granted_amount: 0,
      granted_dc: "D",
      status: "toegekend",
      received_on: isoOf(received),
      answer_due: isoOf(received + 14),
      answered_on: isoOf(received + 3),
    });
    return id;
  };

  const counters = { allocation: 0, report: 0, line: 0 };

  function* batches(): Generator<ClientBatch> {
    for (let from = 0; from < options.clients; from += batchSize) {
      const batch: ClientBatch = {
        clients: [],
        referrals: [],
        allocations: [],
        reports: [],
        lines: [],
        declarations: [],
        messages: [],
      };
      current = batch;
      for (let i = from; i < Math.min(options.clients, from + batchSize); i++) clientRows(i, batch);
      yield batch;
    }
  }

  function clientRows(i: number, batch: ClientBatch) {
    // One generator per client: a client's rows do not depend on the batch size.
    const r = new Random(mulberry32((seed * 0x01000193) ^ Math.imul(i + 1, 0x85ebca6b)));
    const place = r.pick(municipalities);
    const age = r.weighted([
      [[0, 3], 10],
      [[4, 11], 40],
      [[12, 17], 45],
      [[18, 22], 5],
    ] as const);
    const requestDay = yearStart + r.int(0, 364 - 63);
    const birthDay = addMonths(requestDay, -12 * r.int(age[0], age[1])) - r.int(0, 364);
    const client: ClientRow = {
      id: generatedId(seed, T.client, i + 1),
      municipality: place.cbs,
      bsn: options.bsns[i] ?? null,
      birth_date: isoOf(birthDay),
    };
    batch.clients.push(client);

    // Which care: first stay or not (CBS), then a product of that kind in the region.
    const regionOffers = offersByRegion.get(place.region.id)!.filter((o) => o.providers.length > 0);
    const count = r.chance(0.025) ? 3 : r.chance(0.15) ? 2 : 1;
    const chosen: Offer[] = [];
    for (let k = 0; k < count; k++) {
      const left = regionOffers.filter((o) => !chosen.includes(o));
      if (left.length === 0) break;
      const stay = r.chance(41 / 474);
      const fitting = left.filter((o) => isStay(o.kind) === stay);
      chosen.push(r.pick(fitting.length ? fitting : left));
    }
    const segments = [...new Set(chosen.map((o) => o.segment.id))];
    const referralId = generatedId(seed, T.referral, i + 1);
    const requestDate = isoOf(requestDay);
    batch.referrals.push({
      id: referralId,
      client_id: client.id,
      municipality: place.cbs,
      region_id: place.region.id,
      request_date: requestDate,
      facts: { generated: true },
      // A minimal advice: what reads referrals (deadlines) finds an empty list, not a missing one.
      advice: {
        generated: true,
        regionId: place.region.id,
        segments: segments.map((id) => ({ id })),
        deadlines: [],
      },
      receipt: { generator: GENERATOR, seed, year, client: i + 1 },
      segments: segments.join(","),
      idempotency_key: `generated:${seed}:referral:${i + 1}`,
    });

    for (const offer of chosen) {
      const provider = r.pick(offer.providers);
      const info = careKinds[offer.kind];
      const taskBased = offer.segment.financing === "taakgericht";
      const start = requestDay + r.int(0, 63);
      const months =
        offer.kind === "crisis"
          ? r.int(1, 3)
          : isStay(offer.kind)
            ? r.int(6, 24)
            : offer.kind === "dag"
              ? r.int(6, 12)
              : r.int(3, 12);
      const limit = Math.min(
        maxEnd(start, offer.product.maxDuration),
        maxEnd(start, offer.segment.maxDuration),
      );
      const end = Math.min(addMonths(start, months) - 1, limit);
      const perMonth =
        info.unit === "14" ? 0 : info.unit === "82" ? 1 : info.unit === "16" ? r.int(4, 16) : r.int(4, 12);
      counters.allocation += 1;
      // Numbers above the registry's sequence (T1000001…) and within 8 digits.
      const number = 90_000_000 + counters.allocation;
      const allocation: AllocationRow = {
        id: generatedId(seed, T.allocation, counters.allocation),
        number: `T${number}`,
        client_id: client.id,
        referral_id: referralId,
        municipality: place.cbs,
        region_id: place.region.id,
        segment: offer.segment.id,
        product: offer.product.id,
        provider_agb: provider.agb,
        start_date: isoOf(start),
        end_date: isoOf(end),
        volume: taskBased ? null : info.unit === "14" ? 1 : perMonth,
        unit: taskBased ? null : info.unit,
        frequency: taskBased ? null : info.unit === "14" ? "1" : "4",
        budget: null,
        status: "actief",
        end_reason: null,
        task_based: taskBased,
        idempotency_key: `generated:${seed}:allocation:${counters.allocation}`,
        request: null,
        ijw_category: taskBased ? null : info.category,
        ijw_code: taskBased ? null : offer.code,
      };
      batch.allocations.push(allocation);

      // Start, and a stop if care ends in the year (5% early).
      const early = r.chance(0.05);
      const stopDay = early ? start + Math.floor((end - start) * r.next()) : end;
      const report = (kind: "start" | "stop", on: number): DeliveryReportRow => {
        counters.report += 1;
        return {
          id: generatedId(seed, T.report, counters.report),
          kind,
          municipality: place.cbs,
          provider_agb: provider.agb,
          client_id: client.id,
          allocation_id: allocation.id,
          product_category: allocation.ijw_category,
          product_code: allocation.ijw_code,
          begin_date: allocation.start_date,
          end_date: kind === "stop" ? isoOf(stopDay) : null,
          reason: kind === "stop" ? (early ? "34" : "31") : null,
          reported_on: isoOf(on + r.int(0, 5)),
        };
      };
      if (start <= yearEnd) batch.reports.push(report("start", start));
      const delivered = Math.min(stopDay, yearEnd);
      if (stopDay <= yearEnd) batch.reports.push(report("stop", stopDay));
      if (taskBased) continue;

      // One line per month of delivery within the year.
      for (let m = 0; m < 12; m++) {
        const monthStart = Date.UTC(year, m, 1) / DAY;
        const monthEnd = Date.UTC(year, m + 1, 1) / DAY - 1;
        const from = Math.max(monthStart, start);
        const to = Math.min(monthEnd, delivered);
        if (from > to) continue;
        const days = to - from + 1;
        const volume =
          info.unit === "14"
            ? days
            : Math.max(1, Math.round((perMonth * days) / (monthEnd - monthStart + 1)));
        const declarationId = declarationFor(provider.agb, place.cbs, m);
        const amount = volume * provider.tariff;
        counters.line += 1;
        batch.lines.push({
          id: generatedId(seed, T.line, counters.line),
          declaration_id: declarationId,
          municipality: place.cbs,
          provider_agb: provider.agb,
          client_id: client.id,
          allocation_id: allocation.id,
          toewijzing_nummer: number,
          reference: `G${number}-${year}${String(m + 1).padStart(2, "0")}`,
          previous_reference: null,
          product_category: info.category,
          product_code: offer.code,
          period_start: isoOf(from),
          period_end: isoOf(to),
          volume,
          unit: info.unit,
          tariff: provider.tariff,
          amount,
          debit_credit: "D",
          approved: true,
          retour_codes: null,
        });
      }
    }
  }

  return {
    providers,
    contracts,
    batches: { [Symbol.iterator]: batches },
  };
}
