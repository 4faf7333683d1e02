import { randomUUID } from "node:crypto";
import type { Advice } from "../domain/advice.ts";
import { parseBsn } from "../domain/bsn.ts";
import type { CaseFacts } from "../domain/case.ts";
import { addDays } from "date-fns";
import { type IsoDate, toDate, toIso } from "../domain/dates.ts";
import { type Deadline, deadlineFor } from "../registry/deadlines.ts";
import {
  type AllocationRequest,
  type Contract,
  checkAllocation,
  type ExistingAllocation,
  type Problem,
} from "../registry/allocation-rules.ts";
import { type Membership, membershipProblems } from "../registry/membership-rules.ts";
import { canonicalJson, type CompiledRegion } from "../rules/engine.ts";
import type { MembershipLayer } from "../rules/load.ts";
import type { Store } from "./database.ts";
import { type Selectable, sql, type Transaction } from "kysely";
import type { AllocationTable, Database } from "./schema.ts";

/**
 * The registry's writes and reads. Each write is one transaction and idempotent: it carries a key, and
 * the same key with the same content gives back what the first call made, without a second effect; the
 * same key with other content is refused. A refused write changes nothing.
 */

export class RegistryError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `Niet opgeslagen:\n${problems.map((p) => `- ${p.field} = ${JSON.stringify(p.value)}: ${p.reason}`).join("\n")}`,
    );
    this.name = "RegistryError";
  }
}

const idempotencyClash = (key: string): RegistryError =>
  new RegistryError([
    {
      field: "idempotencyKey",
      value: key,
      reason: "is al gebruikt voor een andere opdracht",
      rule: "idempotentie",
    },
  ]);

export interface ClientRef {
  id: string;
  municipality: string;
  birthDate: IsoDate | null;
}

/** Finds or registers a client by BSN. The BSN is validated and never stored or returned in clear. */
export async function registerClient(
  store: Store,
  input: { bsn: string; municipality: string; birthDate?: IsoDate },
): Promise<ClientRef> {
  return store.db.transaction().execute((tx) => registerClientIn(tx, store.vault, input));
}

/** registerClient inside a caller's transaction (an iJw message is handled in one). */
export async function registerClientIn(
  tx: Tx,
  vault: Store["vault"],
  input: { bsn: string; municipality: string; birthDate?: IsoDate },
): Promise<ClientRef> {
  const bsn = parseBsn(input.bsn);
  const hmac = vault.lookupHash(bsn);
  await tx
    .insertInto("client")
    .values({
      id: randomUUID(),
      municipality: input.municipality,
      bsn_hmac: hmac,
      bsn_cipher: vault.encrypt(bsn),
      birth_date: input.birthDate ?? null,
    })
    .onConflict((oc) => oc.column("bsn_hmac").doNothing())
    .execute();
  const row = await tx
    .selectFrom("client")
    .select(["id", "municipality", "birth_date"])
    .where("bsn_hmac", "=", hmac)
    .executeTakeFirstOrThrow();
  return { id: row.id, municipality: row.municipality, birthDate: row.birth_date };
}

/** Search by BSN: only through a body (CLI file, POST), never a URL. */
export async function findClientByBsn(store: Store, bsnInput: string): Promise<ClientRef | undefined> {
  const bsn = parseBsn(bsnInput);
  const row = await store.db
    .selectFrom("client")
    .select(["id", "municipality", "birth_date"])
    .where("bsn_hmac", "=", store.vault.lookupHash(bsn))
    .executeTakeFirst();
  return row ? { id: row.id, municipality: row.municipality, birthDate: row.birth_date } : undefined;
}

/**
 * A family (gezin): registers its members by BSN and links them. Idempotent by key; a member who already
 * belongs to another family is refused rather than moved silently.
 */
export async function createFamily(
  store: Store,
  input: { municipality: string; bsns: string[]; idempotencyKey: string },
): Promise<{ id: string; members: string[]; created: boolean }> {
  const members: string[] = [];
  for (const bsn of input.bsns)
    members.push((await registerClient(store, { bsn, municipality: input.municipality })).id);
  return store.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom("family")
      .select("id")
      .where("idempotency_key", "=", input.idempotencyKey)
      .executeTakeFirst();
    const id = existing?.id ?? randomUUID();
    if (!existing) {
      await tx
        .insertInto("family")
        .values({ id, municipality: input.municipality, idempotency_key: input.idempotencyKey })
        .execute();
    }
    const rows = await tx
      .selectFrom("client")
      .select(["id", "family_id"])
      .where("id", "in", members)
      .forUpdate()
      .execute();
    const elsewhere = rows.filter((r) => r.family_id && r.family_id !== id);
    if (elsewhere.length > 0) {
      throw new RegistryError(
        elsewhere.map((r) => ({
          field: "bsns",
          value: r.id,
          reason: "hoort al bij een ander gezin",
          rule: "gezin-eenmalig",
        })),
      );
    }
    await tx.updateTable("client").set({ family_id: id }).where("id", "in", members).execute();
    return { id, members, created: !existing };
  });
}

export interface FamilyCoordination {
  familyId: string;
  /** The segments of the family's allocations running on the date. */
  segments: string[];
  coordinators: { coordinator: string; because: string }[];
}

/**
 * Who coordinates at family level, from the region model's own coordination rules applied to the
 * segments the family's members have running allocations in (Hart van Brabant: a coordinator when
 * several segments are involved, Crossroads when one child is in segment 1).
 */
export async function familyCoordination(
  store: Store,
  region: CompiledRegion,
  familyId: string,
  date: IsoDate,
): Promise<FamilyCoordination> {
  const members = await store.db
    .selectFrom("client")
    .select("id")
    .where("family_id", "=", familyId)
    .execute();
  if (members.length === 0) {
    throw new RegistryError([
      { field: "familyId", value: familyId, reason: "onbekend gezin", rule: "gezin-bestaat" },
    ]);
  }
  const running = (await listAllocations(store))
    .filter((a) => members.some((m) => m.id === a.clientId) && a.regionId === region.model.info.id)
    .filter((a) => a.startDate <= date && (!a.endDate || a.endDate >= date));
  const segments = [...new Set(running.map((a) => a.segment))].sort();
  const decided = region.decide(
    "coordination",
    { familySegments: segments, familySegmentCount: segments.length, siblingSegments: segments },
    { asOf: date },
  );
  const coordinators = decided.hits
    .filter((h) => h.then.level === "gezin")
    .map((h) => ({ coordinator: h.then.coordinator ?? "", because: h.explanation }));
  return { familyId, segments, coordinators };
}

export interface DecisionRecord {
  id: string;
  referralId: string;
  clientId: string;
  decidedOn: IsoDate;
  segments: string[];
  followsAdvice: boolean;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  decidedBy: string;
}

/**
 * The decision (beschikking) on a referral. It may differ from the advice (the professional decides)
 * and records whether it follows it. Idempotent by key.
 */
export async function createDecision(
  store: Store,
  region: CompiledRegion,
  input: {
    referralId: string;
    decidedOn: IsoDate;
    segments: string[];
    validFrom: IsoDate;
    validTo?: IsoDate;
    decidedBy: string;
    idempotencyKey: string;
  },
): Promise<{ decision: DecisionRecord; created: boolean }> {
  return store.db.transaction().execute(async (tx) => {
    const same = await tx
      .selectFrom("decision")
      .selectAll()
      .where("idempotency_key", "=", input.idempotencyKey)
      .executeTakeFirst();
    if (same) return { decision: toDecision(same), created: false };
    const referral = await tx
      .selectFrom("referral")
      .selectAll()
      .where("id", "=", input.referralId)
      .executeTakeFirst();
    if (!referral) {
      throw new RegistryError([
        {
          field: "referralId",
          value: input.referralId,
          reason: "onbekende verwijzing",
          rule: "verwijzing-bestaat",
        },
      ]);
    }
    const problems: Problem[] = [];
    for (const seg of input.segments) {
      if (!region.model.segments.some((x) => x.id === seg)) {
        problems.push({
          field: "segments",
          value: seg,
          reason: `bestaat niet in ${region.model.info.name}`,
          rule: "segment-bestaat",
        });
      }
    }
    if (input.segments.length === 0) {
      problems.push({
        field: "segments",
        value: [],
        reason: "noem ten minste één segment",
        rule: "beschikking-segment",
      });
    }
    if (input.decidedOn < referral.request_date) {
      problems.push({
        field: "decidedOn",
        value: input.decidedOn,
        reason: `ligt voor de aanmelding (${referral.request_date})`,
        rule: "beschikking-na-aanmelding",
      });
    }
    if (input.validTo && input.validTo < input.validFrom) {
      problems.push({
        field: "validTo",
        value: input.validTo,
        reason: "ligt voor de ingangsdatum",
        rule: "periode",
      });
    }
    if (problems.length > 0) throw new RegistryError(problems);
    const advised = referral.segments ? referral.segments.split(",") : [];
    const row = await tx
      .insertInto("decision")
      .values({
        id: randomUUID(),
        referral_id: referral.id,
        client_id: referral.client_id,
        municipality: referral.municipality,
        decided_on: input.decidedOn,
        segments: input.segments.join(","),
        follows_advice: [...input.segments].sort().join(",") === [...advised].sort().join(","),
        valid_from: input.validFrom,
        valid_to: input.validTo ?? null,
        decided_by: input.decidedBy,
        idempotency_key: input.idempotencyKey,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { decision: toDecision(row), created: true };
  });
}

function toDecision(r: {
  id: string;
  referral_id: string;
  client_id: string;
  decided_on: string;
  segments: string;
  follows_advice: boolean;
  valid_from: string;
  valid_to: string | null;
  decided_by: string;
}): DecisionRecord {
  return {
    id: r.id,
    referralId: r.referral_id,
    clientId: r.client_id,
    decidedOn: r.decided_on,
    segments: r.segments.split(","),
    followsAdvice: r.follows_advice,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    decidedBy: r.decided_by,
  };
}

export interface ReferralRecord {
  id: string;
  clientId: string;
  regionId: string;
  municipality: string;
  requestDate: IsoDate;
  segments: string[];
  advice: Advice;
}

/** A referral keeps the facts, the advice and its receipt exactly as they were given at that moment. */
export async function createReferral(
  store: Store,
  region: CompiledRegion,
  input: { bsn: string; facts: CaseFacts; idempotencyKey: string; referredBy?: string },
): Promise<{ referral: ReferralRecord; created: boolean }> {
  const problems: Problem[] = [];
  if (!input.facts.municipality) {
    problems.push({
      field: "municipality",
      value: null,
      reason: "is verplicht voor een verwijzing",
      rule: "verwijzing-compleet",
    });
  }
  if (!input.facts.requestDate) {
    problems.push({
      field: "requestDate",
      value: null,
      reason: "is verplicht voor een verwijzing",
      rule: "verwijzing-compleet",
    });
  }
  if (problems.length > 0) throw new RegistryError(problems);
  const advice = region.advise(input.facts);
  if (advice.eligible === false) {
    throw new RegistryError([
      { field: "eligible", value: false, reason: advice.eligibility.reason, rule: "verwijzing-jeugdhulp" },
    ]);
  }
  const existing = await referralByKey(store, input.idempotencyKey);
  if (existing) {
    if (canonicalJson(existing.advice.receipt.caseHash) !== canonicalJson(advice.receipt.caseHash)) {
      throw idempotencyClash(input.idempotencyKey);
    }
    return { referral: existing, created: false };
  }
  const client = await registerClient(store, {
    bsn: input.bsn,
    municipality: input.facts.municipality as string,
    ...(input.facts.birthDate ? { birthDate: input.facts.birthDate } : {}),
  });
  const id = randomUUID();
  const segments = [...new Set(advice.segments.map((s) => s.id))];
  const inserted = await store.db
    .insertInto("referral")
    .values({
      id,
      client_id: client.id,
      municipality: input.facts.municipality as string,
      region_id: region.model.info.id,
      request_date: input.facts.requestDate as string,
      facts: JSON.stringify(input.facts),
      advice: JSON.stringify(advice),
      receipt: JSON.stringify(advice.receipt),
      segments: segments.join(","),
      idempotency_key: input.idempotencyKey,
      referred_by: input.referredBy ?? null,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  // A concurrent call with the same key won the race: answer with its referral.
  const referral = await referralByKey(store, input.idempotencyKey);
  if (!referral) throw new Error("verwijzing niet teruggevonden na opslaan");
  return { referral, created: inserted !== undefined };
}

async function referralByKey(store: Store, key: string): Promise<ReferralRecord | undefined> {
  const row = await store.db
    .selectFrom("referral")
    .selectAll()
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return row ? toReferral(row) : undefined;
}

function toReferral(row: {
  id: string;
  client_id: string;
  region_id: string;
  municipality: string;
  request_date: string;
  segments: string;
  advice: unknown;
}): ReferralRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    regionId: row.region_id,
    municipality: row.municipality,
    requestDate: row.request_date,
    segments: row.segments ? row.segments.split(",") : [],
    advice: (typeof row.advice === "string" ? JSON.parse(row.advice) : row.advice) as Advice,
  };
}

export async function listReferrals(
  store: Store,
  filter: { municipality?: string } = {},
): Promise<ReferralRecord[]> {
  let q = store.db.selectFrom("referral").selectAll().orderBy("request_date");
  if (filter.municipality) q = q.where("municipality", "=", filter.municipality);
  return (await q.execute()).map(toReferral);
}

export interface AllocationRecord {
  id: string;
  number: string;
  clientId: string;
  referralId: string | null;
  municipality: string;
  regionId: string;
  segment: string;
  product: string;
  providerAgb: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  volume: number | null;
  unit: string | null;
  frequency: string | null;
  budget: number | null;
  status: "actief" | "beeindigd";
  endReason: string | null;
  taskBased: boolean;
  decisionId: string | null;
}

export function toAllocation(
  r: Omit<
    Selectable<AllocationTable>,
    "created_at" | "idempotency_key" | "request" | "ijw_category" | "ijw_code" | "referentie_aanbieder"
  >,
): AllocationRecord {
  return {
    id: r.id,
    number: r.number,
    clientId: r.client_id,
    referralId: r.referral_id,
    municipality: r.municipality,
    regionId: r.region_id,
    segment: r.segment,
    product: r.product,
    providerAgb: r.provider_agb,
    startDate: r.start_date,
    endDate: r.end_date,
    volume: r.volume,
    unit: r.unit,
    frequency: r.frequency,
    budget: r.budget,
    status: r.status,
    endReason: r.end_reason,
    taskBased: r.task_based,
    decisionId: r.decision_id,
  };
}

export const allocationColumns = [
  "id",
  "number",
  "client_id",
  "referral_id",
  "municipality",
  "region_id",
  "segment",
  "product",
  "provider_agb",
  "start_date",
  "end_date",
  "volume",
  "unit",
  "frequency",
  "budget",
  "status",
  "end_reason",
  "task_based",
  "decision_id",
] as const;

export interface NewAllocation extends AllocationRequest {
  clientId: string;
  referralId?: string;
  /** The decision (beschikking) it follows from: the allocation must fit its segments and period. */
  decisionId?: string;
  volume?: number;
  unit?: string;
  frequency?: string;
  budget?: number;
  /** The iJw product and the provider's reference, when the allocation answers an iJw request. */
  ijw?: { category: string; code?: string; referentie?: string };
  idempotencyKey: string;
}

/**
 * Creates an allocation after checking it against the region model, the client's other allocations and
 * the contracts; ends the allocations an escalation closes; all in one transaction, with the client's
 * row locked so that two servers writing for the same client cannot both pass the overlap check.
 */
export async function createAllocation(
  store: Store,
  region: CompiledRegion,
  input: NewAllocation,
): Promise<{ allocation: AllocationRecord; created: boolean; ended: AllocationRecord[] }> {
  return store.db.transaction().execute((tx) => createAllocationIn(tx, region, input));
}

/** createAllocation inside a caller's transaction (an iJw message is handled in one). */
export async function createAllocationIn(
  tx: Tx,
  region: CompiledRegion,
  input: NewAllocation,
): Promise<{ allocation: AllocationRecord; created: boolean; ended: AllocationRecord[] }> {
  const { idempotencyKey: _key, ...content } = input;
  const request = canonicalJson(content);
  const earlier = await repeatOf(tx, input, request);
  if (earlier) return earlier;
  // Two requests with the same key at the same moment (a retry racing the original, two servers) both
  // found nothing above; unserialised, the later one failed the overlap check against the first (422)
  // or the unique index (500) instead of getting the first back (test/reliability/two-servers-…).
  // Lock the client, then the key (a key can come with another client: that is a clash), and look again.
  // Every allocation writer takes its locks in this order: client, key, audit chain (appendAudit).
  await tx.selectFrom("client").select("id").where("id", "=", input.clientId).forUpdate().execute();
  await sql`select pg_advisory_xact_lock(${IDEMPOTENCY_LOCK}, hashtext(${input.idempotencyKey}))`.execute(tx);
  const raced = await repeatOf(tx, input, request);
  if (raced) return raced;
  return { ...(await insertChecked(tx, region, input, request)), created: true };
}

/** The advisory-lock class of allocation idempotency keys (the audit chain's lock is 7513). */
const IDEMPOTENCY_LOCK = 7514;

/** The allocation an earlier request with this key made, if the request is the same; a clash otherwise. */
async function repeatOf(
  tx: Tx,
  input: NewAllocation,
  request: string,
): Promise<{ allocation: AllocationRecord; created: false; ended: AllocationRecord[] } | undefined> {
  const same = await tx
    .selectFrom("allocation")
    .select([...allocationColumns, "request"])
    .where("idempotency_key", "=", input.idempotencyKey)
    .executeTakeFirst();
  if (!same) return undefined;
  const again = toAllocation(same);
  // Compare with the command as it was given: the row's end date may have changed since.
  const clash =
    same.request !== null
      ? same.request !== request
      : again.product !== input.product ||
        again.startDate !== input.startDate ||
        again.clientId !== input.clientId;
  if (clash) throw idempotencyClash(input.idempotencyKey);
  return { allocation: again, created: false, ended: [] };
}

type Tx = Transaction<Database>;

/** An allocation that follows a decision stays within its segments and its period, for its client. */
async function decisionProblems(tx: Tx, input: NewAllocation): Promise<Problem[]> {
  const d = await tx
    .selectFrom("decision")
    .selectAll()
    .where("id", "=", input.decisionId ?? "")
    .executeTakeFirst();
  if (!d || d.client_id !== input.clientId) {
    return [
      {
        field: "decisionId",
        value: input.decisionId,
        reason: "geen beschikking van deze cliënt",
        rule: "beschikking-bestaat",
      },
    ];
  }
  const problems: Problem[] = [];
  const segments = d.segments.split(",");
  if (!segments.includes(input.segment)) {
    problems.push({
      field: "segment",
      value: input.segment,
      reason: `staat niet in de beschikking (segment ${segments.join(", ")})`,
      rule: "binnen-beschikking",
    });
  }
  const end = input.endDate ?? null;
  if (input.startDate < d.valid_from || (d.valid_to && (end === null || end > d.valid_to))) {
    problems.push({
      field: "startDate",
      value: `${input.startDate} t/m ${end ?? "open"}`,
      reason: `valt buiten de geldigheid van de beschikking (${d.valid_from} t/m ${d.valid_to ?? "open"})`,
      rule: "binnen-beschikking",
    });
  }
  return problems;
}

/** Inside a transaction: the allocation with this number, locked for the rest of it; refused when unknown. */
async function lockAllocation(tx: Tx, number: string): Promise<AllocationRecord> {
  const row = await tx
    .selectFrom("allocation")
    .select(allocationColumns)
    .where("number", "=", number)
    .forUpdate()
    .executeTakeFirst();
  if (!row) {
    throw new RegistryError([
      { field: "number", value: number, reason: "onbekende toewijzing", rule: "toewijzing-bestaat" },
    ]);
  }
  return toAllocation(row);
}

async function contractsOf(tx: Tx, providerAgb: string): Promise<Contract[]> {
  return (await tx.selectFrom("contract").selectAll().where("provider_agb", "=", providerAgb).execute()).map(
    (c) => ({
      providerAgb: c.provider_agb,
      regionId: c.region_id,
      segment: c.segment,
      product: c.product,
      purchaseArea: c.purchase_area,
      validFrom: c.valid_from,
      validTo: c.valid_to,
    }),
  );
}

/**
 * Inside a transaction: lock the client, check the allocation against the model, the client's other
 * allocations and the contracts, end what an escalation closes, and insert it.
 */
async function insertChecked(
  tx: Tx,
  region: CompiledRegion,
  input: NewAllocation,
  request: string,
): Promise<{ allocation: AllocationRecord; ended: AllocationRecord[] }> {
  const client = await tx
    .selectFrom("client")
    .select(["id"])
    .where("id", "=", input.clientId)
    .forUpdate()
    .executeTakeFirst();
  if (!client) {
    throw new RegistryError([
      { field: "clientId", value: input.clientId, reason: "onbekende cliënt", rule: "client-bestaat" },
    ]);
  }
  const existing: ExistingAllocation[] = (
    await tx
      .selectFrom("allocation")
      .select(allocationColumns)
      .where("client_id", "=", input.clientId)
      .where("region_id", "=", region.model.info.id)
      .execute()
  ).map((r) => {
    const a = toAllocation(r);
    return { ...a, status: a.status };
  });
  const contracts: Contract[] = await contractsOf(tx, input.providerAgb);
  const decision = checkAllocation(input, region.model, existing, contracts);
  if (input.decisionId) decision.problems.push(...(await decisionProblems(tx, input)));
  if (decision.problems.length > 0) throw new RegistryError(decision.problems);
  const ended: AllocationRecord[] = [];
  for (const end of decision.ends) {
    const row = await tx
      .updateTable("allocation")
      .set({ end_date: end.endDate, status: "beeindigd", end_reason: end.reason })
      .where("id", "=", end.id)
      .returning(allocationColumns)
      .executeTakeFirstOrThrow();
    ended.push(toAllocation(row));
  }
  const row = await tx
    .insertInto("allocation")
    .values({
      id: randomUUID(),
      client_id: input.clientId,
      referral_id: input.referralId ?? null,
      municipality: input.municipality,
      region_id: region.model.info.id,
      segment: input.segment,
      product: input.product,
      provider_agb: input.providerAgb,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      volume: input.volume ?? null,
      unit: input.unit ?? null,
      frequency: input.frequency ?? null,
      budget: input.budget ?? null,
      status: "actief",
      end_reason: null,
      task_based: decision.taskBased,
      idempotency_key: input.idempotencyKey,
      request,
      decision_id: input.decisionId ?? null,
      ijw_category: input.ijw?.category ?? null,
      ijw_code: input.ijw?.code ?? null,
      referentie_aanbieder: input.ijw?.referentie ?? null,
    })
    .returning(allocationColumns)
    .executeTakeFirstOrThrow();
  return { allocation: toAllocation(row), ended };
}

export interface AllocationChange {
  number: string;
  /** The day the change takes effect: for a replacement, the start of the new allocation. */
  from: IsoDate;
  endDate?: IsoDate;
  volume?: number;
  budget?: number;
  product?: string;
  providerAgb?: string;
  unit?: string;
  frequency?: string;
  reason: string;
  /** The iJw product and the provider's reference the result honours (JW317); a replacement keeps the product. */
  ijw?: NewAllocation["ijw"];
  idempotencyKey: string;
}

/**
 * Changes an allocation the way iJw allows: end date, budget, and volume when the frequency is
 * "totaal binnen de geldigheidsduur" (6) are changed in place. Any other change (product, provider,
 * unit, frequency, or volume per week/month) ends the allocation the day before `from` and starts a new
 * one from `from` with the change applied. Either way the result is checked like a new allocation, in
 * one transaction.
 */
export async function changeAllocation(
  store: Store,
  region: CompiledRegion,
  change: AllocationChange,
): Promise<{ mode: "gewijzigd" | "vervangen"; allocation: AllocationRecord; ended: AllocationRecord[] }> {
  return store.db.transaction().execute((tx) => changeAllocationIn(tx, region, change));
}

/** changeAllocation inside a caller's transaction (an iJw message is handled in one). */
export async function changeAllocationIn(
  tx: Tx,
  region: CompiledRegion,
  change: AllocationChange,
): Promise<{ mode: "gewijzigd" | "vervangen"; allocation: AllocationRecord; ended: AllocationRecord[] }> {
  {
    const replaced = await tx
      .selectFrom("allocation")
      .select(allocationColumns)
      .where("idempotency_key", "=", change.idempotencyKey)
      .executeTakeFirst();
    if (replaced) return { mode: "vervangen", allocation: toAllocation(replaced), ended: [] };
    const current = await lockAllocation(tx, change.number);
    if (current.status !== "actief") {
      throw new RegistryError([
        {
          field: "number",
          value: change.number,
          reason: `is beëindigd op ${current.endDate}: wijzigen kan niet meer`,
          rule: "wijzigen-actief",
        },
      ]);
    }
    const volumeInPlace = change.volume === undefined || current.frequency === "6";
    const inPlace =
      change.product === undefined &&
      change.providerAgb === undefined &&
      change.unit === undefined &&
      change.frequency === undefined &&
      volumeInPlace;
    const next: NewAllocation = {
      clientId: current.clientId,
      ...(current.referralId ? { referralId: current.referralId } : {}),
      municipality: current.municipality,
      segment: current.segment,
      product: change.product ?? current.product,
      providerAgb: change.providerAgb ?? current.providerAgb,
      startDate: inPlace ? current.startDate : change.from,
      ...((change.endDate ?? current.endDate)
        ? { endDate: (change.endDate ?? current.endDate) as IsoDate }
        : {}),
      ...((change.volume ?? current.volume) !== null
        ? { volume: (change.volume ?? current.volume) as number }
        : {}),
      ...((change.unit ?? current.unit) ? { unit: (change.unit ?? current.unit) as string } : {}),
      ...((change.frequency ?? current.frequency)
        ? { frequency: (change.frequency ?? current.frequency) as string }
        : {}),
      ...((change.budget ?? current.budget) !== null
        ? { budget: (change.budget ?? current.budget) as number }
        : {}),
      idempotencyKey: change.idempotencyKey,
    };
    if (inPlace) {
      const others = (
        await tx
          .selectFrom("allocation")
          .select(allocationColumns)
          .where("client_id", "=", current.clientId)
          .execute()
      )
        .map(toAllocation)
        .filter((a) => a.id !== current.id);
      const contracts = await contractsOf(tx, current.providerAgb);
      const problems = checkAllocation(next, region.model, others, contracts).problems;
      if (problems.length > 0) throw new RegistryError(problems);
      const updated = await tx
        .updateTable("allocation")
        .set({
          end_date: next.endDate ?? null,
          volume: next.volume ?? null,
          budget: next.budget ?? null,
          ...(change.ijw?.referentie ? { referentie_aanbieder: change.ijw.referentie } : {}),
        })
        .where("id", "=", current.id)
        .returning(allocationColumns)
        .executeTakeFirstOrThrow();
      return { mode: "gewijzigd", allocation: toAllocation(updated), ended: [] };
    }
    if (change.from <= current.startDate || (current.endDate && change.from > current.endDate)) {
      throw new RegistryError([
        {
          field: "from",
          value: change.from,
          reason: `moet na de ingangsdatum ${current.startDate}${current.endDate ? ` en uiterlijk op de einddatum ${current.endDate}` : ""} liggen: iJw staat deze wijziging niet toe, dus de toewijzing wordt beëindigd en een nieuwe begint`,
          rule: "wijzigen-iJw",
        },
      ]);
    }
    // The replacement is the same iJw product; without it the new allocation would drop out of the JW301.
    const kept = await tx
      .selectFrom("allocation")
      .select(["ijw_category", "ijw_code"])
      .where("id", "=", current.id)
      .executeTakeFirstOrThrow();
    const ijw =
      change.ijw ??
      (kept.ijw_category
        ? { category: kept.ijw_category, ...(kept.ijw_code ? { code: kept.ijw_code } : {}) }
        : undefined);
    if (ijw) next.ijw = ijw;
    const endedRow = await tx
      .updateTable("allocation")
      .set({
        end_date: toIso(addDays(toDate(change.from), -1)),
        status: "beeindigd",
        end_reason: `gewijzigd: ${change.reason}`,
      })
      .where("id", "=", current.id)
      .returning(allocationColumns)
      .executeTakeFirstOrThrow();
    const { idempotencyKey: _key, ...content } = next;
    const created = await insertChecked(tx, region, next, canonicalJson(content));
    return {
      mode: "vervangen",
      allocation: created.allocation,
      ended: [toAllocation(endedRow), ...created.ended],
    };
  }
}

/** Ends an allocation on a date with a reason. Ending it again on the same date has no second effect. */
export async function endAllocation(
  store: Store,
  input: { number: string; endDate: IsoDate; reason: string },
): Promise<AllocationRecord> {
  return store.db.transaction().execute(async (tx) => {
    const a = await lockAllocation(tx, input.number);
    if (a.status === "beeindigd" && a.endDate === input.endDate) return a;
    const problems: Problem[] = [];
    if (a.status === "beeindigd") {
      problems.push({
        field: "number",
        value: input.number,
        reason: `is al beëindigd op ${a.endDate}`,
        rule: "einde-eenmalig",
      });
    }
    if (input.endDate < a.startDate) {
      problems.push({
        field: "endDate",
        value: input.endDate,
        reason: `ligt voor de startdatum ${a.startDate}`,
        rule: "periode",
      });
    }
    if (a.endDate && input.endDate > a.endDate) {
      problems.push({
        field: "endDate",
        value: input.endDate,
        reason: `ligt na de huidige einddatum ${a.endDate}: verlengen kan alleen met een nieuwe toewijzing of een wijziging die iJw toestaat`,
        rule: "einde-niet-later",
      });
    }
    if (problems.length > 0) throw new RegistryError(problems);
    const row = await tx
      .updateTable("allocation")
      .set({ end_date: input.endDate, status: "beeindigd", end_reason: input.reason })
      .where("id", "=", a.id)
      .returning(allocationColumns)
      .executeTakeFirstOrThrow();
    return toAllocation(row);
  });
}

export async function listAllocations(
  store: Store,
  filter: { clientId?: string; municipality?: string; status?: "actief" | "beeindigd" } = {},
): Promise<AllocationRecord[]> {
  let q = store.db.selectFrom("allocation").select(allocationColumns).orderBy("number");
  if (filter.clientId) q = q.where("client_id", "=", filter.clientId);
  if (filter.municipality) q = q.where("municipality", "=", filter.municipality);
  if (filter.status) q = q.where("status", "=", filter.status);
  return (await q.execute()).map(toAllocation);
}

export async function getAllocation(store: Store, number: string): Promise<AllocationRecord | undefined> {
  const row = await store.db
    .selectFrom("allocation")
    .select(allocationColumns)
    .where("number", "=", number)
    .executeTakeFirst();
  return row ? toAllocation(row) : undefined;
}

export async function addProvider(
  store: Store,
  input: {
    agb: string;
    name: string;
    contracts: (Omit<Contract, "providerAgb"> & {
      ijwCategory?: string;
      ijwCode?: string;
      tariff?: number;
    })[];
  },
): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    await tx
      .insertInto("provider")
      .values({ agb: input.agb, name: input.name })
      .onConflict((oc) => oc.column("agb").doUpdateSet({ name: input.name }))
      .execute();
    await tx.deleteFrom("contract").where("provider_agb", "=", input.agb).execute();
    for (const c of input.contracts) {
      await tx
        .insertInto("contract")
        .values({
          provider_agb: input.agb,
          region_id: c.regionId,
          segment: c.segment,
          product: c.product,
          purchase_area: c.purchaseArea,
          valid_from: c.validFrom,
          valid_to: c.validTo,
          ijw_category: c.ijwCategory ?? null,
          ijw_code: c.ijwCode ?? null,
          tariff: c.tariff ?? null,
        })
        .execute();
    }
  });
}

export interface DeliveryRecord {
  allocationNumber: string;
  startedOn: IsoDate;
  startReportedOn: IsoDate;
  stoppedOn: IsoDate | null;
  stopReportedOn: IsoDate | null;
  stopReason: string | null;
}

/**
 * Records the actual start of care under an allocation (what a JW305 reports), on the day it is
 * reported. Reporting the same start again has no second effect; another start date is refused while
 * the current start has no stop (after a stop, a new start opens a new delivery period).
 */
export async function recordStart(
  store: Store,
  input: { number: string; startedOn: IsoDate; reportedOn: IsoDate },
): Promise<DeliveryRecord> {
  return store.db.transaction().execute(async (tx) => {
    const a = await tx
      .selectFrom("allocation")
      .select([
        "id",
        "number",
        "municipality",
        "start_date",
        "end_date",
        "status",
        "client_id",
        "provider_agb",
        "ijw_category",
        "ijw_code",
      ])
      .where("number", "=", input.number)
      .forUpdate()
      .executeTakeFirst();
    if (!a)
      throw new RegistryError([
        { field: "number", value: input.number, reason: "onbekende toewijzing", rule: "toewijzing-bestaat" },
      ]);
    // The view `delivery` (migration 0008): one row per delivery period of the allocation.
    const periods = await tx.selectFrom("delivery").selectAll().where("allocation_id", "=", a.id).execute();
    const same = periods.find((p) => p.started_on === input.startedOn);
    if (same) return toDelivery(a.number, same);
    const running = periods.find((p) => p.stopped_on === null);
    if (running) {
      throw new RegistryError([
        {
          field: "startedOn",
          value: input.startedOn,
          reason: `de start is al gemeld op ${running.started_on} en nog niet gestopt: corrigeren kan door de melding te verwijderen en opnieuw te melden`,
          rule: "start-eenmalig",
        },
      ]);
    }
    const problems: Problem[] = [];
    if (input.startedOn < a.start_date || (a.end_date && input.startedOn > a.end_date)) {
      problems.push({
        field: "startedOn",
        value: input.startedOn,
        reason: `ligt buiten de toewijzing (${a.start_date} t/m ${a.end_date ?? "open"})`,
        rule: "start-binnen-toewijzing",
      });
    }
    if (input.reportedOn < input.startedOn) {
      problems.push({
        field: "reportedOn",
        value: input.reportedOn,
        reason: "een start wordt pas gemeld als de zorg echt begonnen is",
        rule: "start-na-begin",
      });
    }
    if (problems.length > 0) throw new RegistryError(problems);
    await tx
      .insertInto("delivery_report")
      .values({
        id: randomUUID(),
        kind: "start",
        municipality: a.municipality,
        provider_agb: a.provider_agb,
        client_id: a.client_id,
        allocation_id: a.id,
        product_category: a.ijw_category,
        product_code: a.ijw_code,
        begin_date: input.startedOn,
        end_date: null,
        reason: null,
        reported_on: input.reportedOn,
        message_id: null,
      })
      .execute();
    return toDelivery(a.number, {
      started_on: input.startedOn,
      start_reported_on: input.reportedOn,
      stopped_on: null,
      stop_reported_on: null,
      stop_reason: null,
    });
  });
}

/** Records the actual end of care (what a JW307 reports). The same stop again has no second effect. */
export async function recordStop(
  store: Store,
  input: { number: string; stoppedOn: IsoDate; reportedOn: IsoDate; reason: string },
): Promise<DeliveryRecord> {
  return store.db.transaction().execute(async (tx) => {
    const a = await tx
      .selectFrom("allocation")
      .select(["id", "number", "municipality", "client_id", "provider_agb", "ijw_category", "ijw_code"])
      .where("number", "=", input.number)
      // The lock recordStart and the JW305/JW307 handlers take: the view below cannot be locked.
      .forUpdate()
      .executeTakeFirst();
    // The latest delivery period: a stop ends the current start.
    const d = a
      ? await tx
          .selectFrom("delivery")
          .selectAll()
          .where("allocation_id", "=", a.id)
          .orderBy("started_on", "desc")
          .executeTakeFirst()
      : undefined;
    if (!a || !d) {
      throw new RegistryError([
        {
          field: "number",
          value: input.number,
          reason: "van deze toewijzing is geen start gemeld",
          rule: "stop-na-start",
        },
      ]);
    }
    if (d.stopped_on) {
      if (d.stopped_on === input.stoppedOn) return toDelivery(a.number, d);
      throw new RegistryError([
        {
          field: "stoppedOn",
          value: input.stoppedOn,
          reason: `de stop is al gemeld op ${d.stopped_on}`,
          rule: "stop-eenmalig",
        },
      ]);
    }
    if (input.stoppedOn < d.started_on) {
      throw new RegistryError([
        {
          field: "stoppedOn",
          value: input.stoppedOn,
          reason: `ligt voor de start ${d.started_on}`,
          rule: "periode",
        },
      ]);
    }
    await tx
      .insertInto("delivery_report")
      .values({
        id: randomUUID(),
        kind: "stop",
        municipality: a.municipality,
        provider_agb: a.provider_agb,
        client_id: a.client_id,
        allocation_id: a.id,
        product_category: a.ijw_category,
        product_code: a.ijw_code,
        begin_date: d.started_on,
        end_date: input.stoppedOn,
        reason: input.reason,
        reported_on: input.reportedOn,
        message_id: null,
      })
      .execute();
    return toDelivery(a.number, {
      ...d,
      stopped_on: input.stoppedOn,
      stop_reported_on: input.reportedOn,
      stop_reason: input.reason,
    });
  });
}

function toDelivery(
  number: string,
  d: {
    started_on: string;
    start_reported_on: string;
    stopped_on: string | null;
    stop_reported_on: string | null;
    stop_reason: string | null;
  },
): DeliveryRecord {
  return {
    allocationNumber: number,
    startedOn: d.started_on,
    startReportedOn: d.start_reported_on,
    stoppedOn: d.stopped_on,
    stopReportedOn: d.stop_reported_on,
    stopReason: d.stop_reason,
  };
}

/**
 * The registry's open and past deadlines. Today: the dated deadlines of the advice kept with each
 * referral (the region model decides them, e.g. Segment 1 in Hart van Brabant: start within 6 weeks, else
 * bridging care), done when an allocation of that segment for the client starts on or after the
 * registration. The iJw message deadlines follow with the messages.
 */
export async function registryDeadlines(store: Store): Promise<Deadline[]> {
  const referrals = await listReferrals(store);
  const allocations = await listAllocations(store);
  const out: Deadline[] = [];
  for (const r of referrals) {
    for (const d of r.advice.deadlines) {
      const started = allocations
        .filter((a) => a.clientId === r.clientId && a.segment === d.segment && a.startDate >= r.requestDate)
        .map((a) => a.startDate)
        .sort()[0];
      out.push({
        kind: "regio",
        subjectId: r.id,
        municipality: r.municipality,
        from: d.from,
        due: d.due,
        ...(started ? { doneOn: started } : {}),
        label: `${d.label} (segment ${d.segment}, verwijzing ${r.id.slice(0, 8)})`,
        ...(d.consequence ? { consequence: d.consequence } : {}),
        source: d.source
          ? [d.source.file ?? d.source.url ?? d.source.doc, d.source.section].filter(Boolean).join(", ")
          : "",
      });
    }
  }
  // iJw: each start of care is reported within 5 working days (OP271; from the allocation's start until a
  // start is known), and each stop within 5 working days after it (OP272). Task-based segments send no
  // start/stop. Withdrawn reports (StatusAanlevering 3) do not count.
  const reports = await store.db
    .selectFrom("delivery_report")
    .select(["allocation_id", "kind", "begin_date", "end_date", "reason", "reported_on"])
    .where("withdrawn_on", "is", null)
    .where("allocation_id", "is not", null)
    .orderBy("begin_date")
    .orderBy("end_date")
    .execute();
  for (const a of allocations) {
    const mine = reports.filter((r) => r.allocation_id === a.id);
    const starts = mine.filter((r) => r.kind === "start");
    // An allocation ended before any care started has no start to report.
    if (a.taskBased || (starts.length === 0 && a.status === "beeindigd")) continue;
    if (starts.length === 0)
      out.push(
        deadlineFor("melding-start", {
          subjectId: a.number,
          municipality: a.municipality,
          from: a.startDate,
        }),
      );
    for (const s of starts) {
      out.push(
        deadlineFor("melding-start", {
          subjectId: a.number,
          municipality: a.municipality,
          from: s.begin_date,
          doneOn: s.reported_on,
        }),
      );
      const stops = mine.filter((r) => r.kind === "stop" && r.begin_date === s.begin_date);
      for (const stop of stops) {
        // A definitive stop after a temporary one is due 5 working days after it became known to be
        // definitive (iJw 3.2), a day no message carries: left out rather than judged from the wrong day.
        if (stop.reason !== "20" && stops.some((t) => t.reason === "20")) continue;
        out.push(
          deadlineFor("melding-stop", {
            subjectId: a.number,
            municipality: a.municipality,
            from: stop.end_date!,
            doneOn: stop.reported_on,
          }),
        );
      }
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}

export interface RegionSyncSummary {
  /** Regions added or changed (name, model version, validity). */
  regions: number;
  /** Municipalities added or renamed. */
  municipalities: number;
  memberships: { inserted: number; updated: number; deleted: number };
}

type MembershipRow = Omit<Selectable<Database["region_membership"]>, "id">;

const membershipOf = (r: MembershipRow): Membership => ({
  municipality: r.municipality,
  regionId: r.region_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  segments: r.segments === null ? null : r.segments.split(","),
});

/**
 * Brings the tables region, municipality and region_membership in line with the region models: every
 * region (kind: region) with its name, model version and validity, every municipality any model names
 * (the national baseline names them all), and each region's own municipality list with its dates. A
 * region without its own list (it borrows its baseline's) has no memberships here. Regions the models no
 * longer have are left as they are. Idempotent: a second run with the same models changes nothing; a
 * changed date updates the row. Memberships that would put a municipality in two regions on one day are
 * refused before anything is written.
 */
export async function syncRegionModels(
  store: Pick<Store, "db">,
  layers: MembershipLayer[],
): Promise<RegionSyncSummary> {
  return store.db.transaction().execute(async (tx) => {
    // One sync at a time: the overlap check below reads what the others would write.
    await sql`lock table region_membership in share row exclusive mode`.execute(tx);
    const summary: RegionSyncSummary = {
      regions: 0,
      municipalities: 0,
      memberships: { inserted: 0, updated: 0, deleted: 0 },
    };

    const names = new Map<string, string>();
    for (const l of layers) for (const m of l.municipalities) if (!names.has(m.cbs)) names.set(m.cbs, m.name);
    const knownNames = new Map(
      (await tx.selectFrom("municipality").selectAll().execute()).map((r) => [r.cbs, r.name]),
    );
    const municipalities = [...names]
      .filter(([cbs, name]) => knownNames.get(cbs) !== name)
      .map(([cbs, name]) => ({ cbs, name }));

    const regions = layers.filter((l) => l.info.kind === "region");
    const knownRegions = new Map(
      (await tx.selectFrom("region").selectAll().execute()).map((r) => [r.id, canonicalJson(r)]),
    );
    const regionRows = regions
      .map(({ info }) => ({
        id: info.id,
        name: info.name,
        model_version: info.version,
        valid_from: info.validFrom ?? null,
        valid_to: info.validTo ?? null,
      }))
      .filter((r) => knownRegions.get(r.id) !== canonicalJson(r));

    const synced = new Set(regions.map((l) => l.info.id));
    const wanted: MembershipRow[] = regions.flatMap(({ info, municipalities: list }) =>
      list.map((m) => ({
        municipality: m.cbs,
        region_id: info.id,
        valid_from: m.from,
        valid_to: m.to ?? null,
        segments: m.segments ? m.segments.join(",") : null,
      })),
    );
    const existing = await tx.selectFrom("region_membership").selectAll().execute();
    const kept = existing.filter((r) => !synced.has(r.region_id));
    const problems = membershipProblems(
      [...kept, ...wanted].map(membershipOf),
      new Map([...knownNames, ...names]),
    );
    if (problems.length > 0) throw new RegistryError(problems);

    if (municipalities.length > 0) {
      await tx
        .insertInto("municipality")
        .values(municipalities)
        .onConflict((oc) => oc.column("cbs").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })))
        .execute();
    }
    for (const row of regionRows) {
      const { id: _id, ...changed } = row;
      await tx
        .insertInto("region")
        .values(row)
        .onConflict((oc) => oc.column("id").doUpdateSet(changed))
        .execute();
    }
    summary.municipalities = municipalities.length;
    summary.regions = regionRows.length;

    // Per region and municipality, the rows in date order: pair them up, update what differs, delete or
    // insert what is left over.
    const byKey = <T extends MembershipRow>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of [...rows].sort((a, b) => a.valid_from.localeCompare(b.valid_from))) {
        const key = `${r.region_id}\0${r.municipality}`;
        map.set(key, [...(map.get(key) ?? []), r]);
      }
      return map;
    };
    const have = byKey(existing.filter((r) => synced.has(r.region_id)));
    const want = byKey(wanted);
    const same = (a: MembershipRow, b: MembershipRow) =>
      a.valid_from === b.valid_from && a.valid_to === b.valid_to && a.segments === b.segments;
    for (const key of new Set([...have.keys(), ...want.keys()])) {
      const old = have.get(key) ?? [];
      const next = want.get(key) ?? [];
      for (const [i, row] of next.entries()) {
        const current = old[i];
        if (!current) {
          await tx.insertInto("region_membership").values(row).execute();
          summary.memberships.inserted++;
        } else if (!same(current, row)) {
          await tx
            .updateTable("region_membership")
            .set({ valid_from: row.valid_from, valid_to: row.valid_to, segments: row.segments })
            .where("id", "=", current.id)
            .execute();
          summary.memberships.updated++;
        }
      }
      const extra = old.slice(next.length).map((r) => r.id);
      if (extra.length > 0) {
        await tx.deleteFrom("region_membership").where("id", "in", extra).execute();
        summary.memberships.deleted += extra.length;
      }
    }
    return summary;
  });
}

export interface RegionRecord {
  id: string;
  name: string;
  modelVersion: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

/** The regions the register knows, as last synced from the models. */
export async function listRegions(store: Store): Promise<RegionRecord[]> {
  return (await store.db.selectFrom("region").selectAll().orderBy("id").execute()).map((r) => ({
    id: r.id,
    name: r.name,
    modelVersion: r.model_version,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export interface MembershipRecord {
  regionId: string;
  regionName: string;
  validFrom: IsoDate;
  /** null: open */
  validTo: IsoDate | null;
  /** null: the whole municipality; else only these segments go through the region */
  segments: string[] | null;
}

export interface MunicipalityRecord {
  cbs: string;
  name: string;
  /** In date order; empty when the municipality belongs to no region in the register. */
  memberships: MembershipRecord[];
}

/**
 * The municipalities with their region memberships, by CBS code. With a region, only that region's
 * members; with a date, only memberships that hold on that day (and only municipalities that have one).
 */
export async function listMunicipalities(
  store: Store,
  filter: { regionId?: string; date?: IsoDate; cbs?: string } = {},
): Promise<MunicipalityRecord[]> {
  let q = store.db
    .selectFrom("municipality as m")
    .leftJoin("region_membership as rm", "rm.municipality", "m.cbs")
    .leftJoin("region as r", "r.id", "rm.region_id")
    .select([
      "m.cbs",
      "m.name",
      "rm.region_id",
      "r.name as region_name",
      "rm.valid_from",
      "rm.valid_to",
      "rm.segments",
    ])
    .orderBy("m.cbs")
    .orderBy("rm.valid_from")
    .orderBy("rm.region_id");
  if (filter.cbs) q = q.where("m.cbs", "=", filter.cbs);
  if (filter.regionId) q = q.where("rm.region_id", "=", filter.regionId);
  if (filter.date) {
    const date = filter.date;
    q = q
      .where("rm.valid_from", "<=", date)
      .where((eb) => eb.or([eb("rm.valid_to", "is", null), eb("rm.valid_to", ">=", date)]));
  }
  const out: MunicipalityRecord[] = [];
  for (const r of await q.execute()) {
    let m = out.at(-1);
    if (m?.cbs !== r.cbs) {
      m = { cbs: r.cbs, name: r.name, memberships: [] };
      out.push(m);
    }
    if (r.region_id !== null && r.valid_from !== null) {
      m.memberships.push({
        regionId: r.region_id,
        regionName: r.region_name ?? r.region_id,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        segments: r.segments === null ? null : r.segments.split(","),
      });
    }
  }
  return out;
}

/**
 * The region a municipality belongs to on a date, from the register: its full membership, else a partial
 * one (only some segments). undefined when it belongs to none on that day (or the code is unknown).
 */
export async function regionOfMunicipality(
  store: Store,
  cbs: string,
  date: IsoDate,
): Promise<(MembershipRecord & { cbs: string; name: string }) | undefined> {
  const [m] = await listMunicipalities(store, { cbs, date });
  const membership = m?.memberships.find((x) => x.segments === null) ?? m?.memberships[0];
  return m && membership ? { cbs: m.cbs, name: m.name, ...membership } : undefined;
}
