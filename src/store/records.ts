import { randomUUID } from "node:crypto";
import type { Advice } from "../domain/advice.ts";
import { BsnError, parseBsn } from "../domain/bsn.ts";
import type { CaseFacts } from "../domain/case.ts";
import type { IsoDate } from "../domain/dates.ts";
import type { ClientPersonalia } from "../ijw/build.ts";
import { validateMessage } from "../ijw/validate-message.ts";
import {
  type Action,
  type Actor,
  allows,
  BREAK_GLASS_HOURS,
  BREAK_GLASS_MAX_OPEN,
  BREAK_GLASS_MIN_REASON,
  type Purpose,
  PURPOSES,
  type Role,
  ROLE_NAMES,
  ROLES,
} from "../registry/access.ts";
import type { Deadline } from "../registry/deadlines.ts";
import type { CompiledRegion } from "../rules/engine.ts";
import { loadMembershipLayers } from "../rules/load.ts";
import {
  allocationFilter,
  clientFilter,
  clientIdsInScope,
  decisionFilter,
  messageFilter,
  referralFilter,
  type Scope,
} from "./access.ts";
import {
  type AuditAction,
  type AuditEntry,
  type AuditOutcome,
  type AuditRecord,
  type AuditVerification,
  appendAudit,
  listAudit,
  verifyAudit,
} from "./audit.ts";
import type { Store } from "./database.ts";
import { type ExchangeContext, type ImportOutcome, ijwDeadlines, importMessage } from "./ijw.ts";
import {
  type AllocationRecord,
  createAllocationIn,
  createReferral,
  allocationColumns,
  endAllocation,
  type NewAllocation,
  type ReferralRecord,
  RegistryError,
  type RegionSyncSummary,
  registryDeadlines,
  syncRegionModels,
  toAllocation,
} from "./registry.ts";
import { listUsers, saveUser, setUserActive, type UserInput, type UserRecord } from "./users.ts";

/**
 * The registry as a signed-in professional sees it: every read and search goes through the filters of
 * access.ts, every call leaves audit records (one per client concerned, with the outcome), and rows
 * outside the actor's scope are answered as "not there" (undefined), never as "forbidden", so their
 * existence does not leak. A role that lacks an action altogether gets AccessDenied.
 */

export interface AccessContext extends Scope {
  store: Store;
  /** One per request, shared by its audit records (W3C trace id). */
  traceId?: string;
}

export class AccessDenied extends Error {
  constructor(
    readonly actor: Actor,
    readonly action: Action,
  ) {
    super(`Uw rol (${ROLE_NAMES[actor.role]}) mag dit niet: ${action}`);
    this.name = "AccessDenied";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function entry(
  ctx: AccessContext,
  action: AuditAction,
  resource: string,
  purpose: Purpose,
  outcome: AuditOutcome,
  more: Partial<AuditEntry> = {},
): AuditEntry {
  return {
    actor: ctx.actor,
    action,
    resource,
    purpose,
    outcome,
    ...(ctx.traceId ? { traceId: ctx.traceId } : {}),
    ...more,
  };
}

/** Refuses, with an audit record, when the role lacks the action. */
export async function need(
  ctx: AccessContext,
  action: Action,
  resource: string,
  purpose: Purpose,
): Promise<void> {
  if (allows(ctx.actor, action)) return;
  await appendAudit(
    ctx.store.db,
    entry(ctx, "lezen", resource, purpose, "geweigerd", { detail: { actie: action } }),
  );
  throw new AccessDenied(ctx.actor, action);
}

/** A BSN typed into an id or a free text does not land in the log: runs of nine or more digits are hidden. */
const noBsn = (text: string): string => text.replace(/\d{9,}/g, "*********");

/** Records one audit entry per client concerned (Logboek Dataverwerkingen), or one without a client. */
export async function audit(
  ctx: AccessContext,
  action: AuditAction,
  resource: string,
  purpose: Purpose,
  clientIds: (string | null)[],
  more: Partial<AuditEntry> = {},
  outcome: AuditOutcome = "ok",
): Promise<void> {
  const ids = [...new Set(clientIds)];
  if (more.resourceId) more = { ...more, resourceId: noBsn(more.resourceId) };
  if (more.reason) more = { ...more, reason: noBsn(more.reason) };
  await appendAudit(
    ctx.store.db,
    (ids.length > 0 ? ids : [null]).map((clientId) =>
      entry(ctx, action, resource, purpose, outcome, { clientId, ...more }),
    ),
  );
}

/** A row asked for by id that is not there or out of reach: logged like a read, with the id asked for. */
export function missed(
  ctx: AccessContext,
  action: AuditAction,
  resource: string,
  purpose: Purpose,
  id: string,
) {
  return audit(ctx, action, resource, purpose, [null], { resourceId: id.slice(0, 64) }, "niet-gevonden");
}

// ---------------------------------------------------------------------------------------------------
// Clients

export interface ClientSummary {
  id: string;
  municipality: string;
  birthDate: IsoDate | null;
  /** Only for roles that need it to do their work (toegang, verwijzer, aanbieder). */
  bsn?: string;
  name?: string;
}

const SEES_BSN: Actor["role"][] = ["toegang", "verwijzer", "aanbieder"];

function displayName(personal: ClientPersonalia | undefined): string | undefined {
  if (!personal) return undefined;
  const n = personal.naam;
  return [n.Voornamen ?? n.Voorletters, n.Geslachtsnaam.Voorvoegsel, n.Geslachtsnaam.Achternaam]
    .filter(Boolean)
    .join(" ");
}

function summarise(
  ctx: AccessContext,
  row: {
    id: string;
    municipality: string;
    birth_date: string | null;
    bsn_cipher: string | null;
    personal_cipher: string | null;
  },
): ClientSummary {
  const personal = row.personal_cipher
    ? (JSON.parse(ctx.store.vault.decrypt(row.personal_cipher)) as { personalia: ClientPersonalia })
        .personalia
    : undefined;
  const name = displayName(personal);
  return {
    id: row.id,
    municipality: row.municipality,
    birthDate: row.birth_date,
    ...(SEES_BSN.includes(ctx.actor.role) && row.bsn_cipher !== null
      ? { bsn: ctx.store.vault.decrypt(row.bsn_cipher) }
      : {}),
    ...(name ? { name } : {}),
  };
}

/** A BSN from input, refused without echoing it. */
function bsnOf(input: string): string {
  try {
    return parseBsn(input);
  } catch (e) {
    if (e instanceof BsnError) {
      throw new RegistryError([{ field: "bsn", value: "(verborgen)", reason: e.reason, rule: "bsn" }]);
    }
    throw e;
  }
}

/** Finds a client by BSN, within the actor's scope only: the BSN travels in the body, never in a URL. */
export async function searchClients(ctx: AccessContext, query: { bsn: string }): Promise<ClientSummary[]> {
  await need(ctx, "client.zoeken", "client", "toegang");
  const bsn = bsnOf(query.bsn);
  const { db, vault } = ctx.store;
  const rows = await db
    .selectFrom("client")
    .select(["id", "municipality", "birth_date", "bsn_cipher", "personal_cipher"])
    .where("bsn_hmac", "=", vault.lookupHash(bsn))
    .where(clientFilter(db, ctx))
    .execute();
  await audit(
    ctx,
    "zoeken",
    "client",
    "toegang",
    rows.map((r) => r.id),
    { detail: { gevonden: rows.length, zoekveld: "bsn" } },
  );
  return rows.map((r) => summarise(ctx, r));
}

export interface ClientFile {
  client: ClientSummary;
  referrals: ReferralItem[];
  decisions: {
    id: string;
    referralId: string;
    decidedOn: IsoDate;
    segments: string[];
    validFrom: IsoDate;
    validTo: IsoDate | null;
  }[];
  allocations: AllocationRecord[];
  deliveries: {
    allocationNumber: string;
    startedOn: IsoDate;
    stoppedOn: IsoDate | null;
    stopReason: string | null;
  }[];
  /** True when the actor sees this file only through a running break-glass access. */
  viaBreakGlass: boolean;
  /** The family and who coordinates for it; only for the access team (it arranges the coordination). */
  family: FamilyView | null;
}

export interface FamilyView {
  id: string;
  /** The members the actor reaches, this client included (`self`). */
  members: { id: string; self: boolean; name?: string; birthDate: IsoDate | null }[];
  /** Segments of the members' allocations running today, in the client's region. */
  segments: string[];
  /** From the region model's coordination rules at family level; empty when none applies. */
  coordinators: { coordinator: string; because: string }[];
}

/** Finds the compiled model of a municipality's region on a date (src/rules/region-for.ts in the server). */
export type RegionFor = (municipality: string, date: IsoDate) => CompiledRegion | undefined;

/**
 * The family of a client as the access team sees it: members in its reach, and the coordinator the
 * region's rules name for the segments running in the family today (as familyCoordination in
 * registry.ts, but over the actor's own allocations, not the whole table).
 */
async function familyOf(
  ctx: AccessContext,
  clientId: string,
  familyId: string | null,
  municipality: string,
  regionFor: RegionFor | undefined,
): Promise<FamilyView | null> {
  if (!familyId || ctx.actor.role !== "toegang") return null;
  const { db } = ctx.store;
  const rows = await db
    .selectFrom("client")
    .select(["id", "municipality", "birth_date", "bsn_cipher", "personal_cipher"])
    .where("family_id", "=", familyId)
    .where(clientFilter(db, ctx))
    .orderBy("birth_date")
    .orderBy("id")
    .execute();
  const region = regionFor?.(municipality, ctx.today);
  let segments: string[] = [];
  let coordinators: FamilyView["coordinators"] = [];
  if (region && rows.length > 0) {
    const running = await db
      .selectFrom("allocation")
      .select("segment")
      .where(allocationFilter(db, ctx))
      .where(
        "client_id",
        "in",
        rows.map((r) => r.id),
      )
      .where("region_id", "=", region.model.info.id)
      .where("start_date", "<=", ctx.today)
      .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", ctx.today)]))
      .execute();
    segments = [...new Set(running.map((r) => r.segment))].sort();
    coordinators = region
      .decide(
        "coordination",
        { familySegments: segments, familySegmentCount: segments.length, siblingSegments: segments },
        { asOf: ctx.today },
      )
      .hits.filter((h) => h.then.level === "gezin")
      .map((h) => ({ coordinator: h.then.coordinator ?? "", because: h.explanation }));
  }
  return {
    id: familyId,
    members: rows.map((r) => {
      const { name, birthDate } = summarise(ctx, r);
      return { id: r.id, self: r.id === clientId, ...(name ? { name } : {}), birthDate };
    }),
    segments,
    coordinators,
  };
}

/** A client's file, with exactly the parts the actor's role and relationship allow; undefined outside scope. */
export async function clientFile(
  ctx: AccessContext,
  clientId: string,
  options: { regionFor?: RegionFor } = {},
): Promise<ClientFile | undefined> {
  await need(ctx, "client.lezen", "client", "toegang");
  const { db } = ctx.store;
  const row = UUID.test(clientId)
    ? await db
        .selectFrom("client")
        .select(["id", "municipality", "birth_date", "bsn_cipher", "personal_cipher", "family_id"])
        .where("id", "=", clientId)
        .where(clientFilter(db, ctx))
        .executeTakeFirst()
    : undefined;
  if (!row) {
    await missed(ctx, "lezen", "client", "toegang", clientId);
    return undefined;
  }
  const referrals = await db
    .selectFrom("referral")
    .select(REFERRAL_ITEM_COLUMNS)
    .where("client_id", "=", clientId)
    .where(referralFilter(db, ctx))
    .orderBy("request_date")
    .execute();
  const decisions = await db
    .selectFrom("decision")
    .select(["id", "referral_id", "decided_on", "segments", "valid_from", "valid_to"])
    .where("client_id", "=", clientId)
    .where(decisionFilter(db, ctx))
    .orderBy("decided_on")
    .execute();
  const allocations = (await scopedAllocations(ctx, { clientId })).rows;
  const deliveries =
    allocations.length === 0
      ? []
      : await db
          .selectFrom("delivery")
          .innerJoin("allocation", "allocation.id", "delivery.allocation_id")
          .select(["allocation.number", "delivery.started_on", "delivery.stopped_on", "delivery.stop_reason"])
          .where(
            "delivery.allocation_id",
            "in",
            allocations.map((a) => a.id),
          )
          .orderBy("delivery.started_on")
          .execute();
  // Only a role that may use break-glass can have reached the file through it: no second query otherwise.
  const normal =
    !allows(ctx.actor, "noodtoegang") ||
    (await db
      .selectFrom("client")
      .select("id")
      .where("id", "=", clientId)
      .where(clientFilter(db, { ...ctx, withoutBreakGlass: true }))
      .executeTakeFirst()) !== undefined;
  const family = await familyOf(ctx, clientId, row.family_id, row.municipality, options.regionFor);
  // A read through break-glass is marked, so the privacy officer finds it in the client's log.
  await audit(ctx, "lezen", "client", normal ? "toegang" : "noodtoegang", [clientId], {
    resourceId: clientId,
    ...(normal ? {} : { detail: { noodtoegang: true } }),
  });
  return {
    client: summarise(ctx, row),
    referrals: referrals.map(toReferralItem),
    decisions: decisions.map((d) => ({
      id: d.id,
      referralId: d.referral_id,
      decidedOn: d.decided_on,
      segments: d.segments ? d.segments.split(",") : [],
      validFrom: d.valid_from,
      validTo: d.valid_to,
    })),
    allocations,
    deliveries: deliveries.map((d) => ({
      allocationNumber: d.number,
      startedOn: d.started_on,
      stoppedOn: d.stopped_on,
      stopReason: d.stop_reason,
    })),
    viaBreakGlass: !normal,
    family,
  };
}

export interface AccessLogLine {
  at: string;
  /** null: the system itself (an import, a scheduled job). */
  actorName: string | null;
  role: Role | null;
  roleName: string | null;
  organisation: string | null;
  action: string;
  resource: string;
  purpose: string;
  purposeText: string;
  outcome: string;
}

/** How many lines of a file's access log the access team sees at once (newest first). */
export const ACCESS_LOG_LIMIT = 200;

/**
 * Who looked at or changed this file, newest first: the client's own audit records, for the access team
 * that serves the client (not through break-glass: an emergency read does not open the log of others).
 * Only who, for which organisation, when, what and why: no detail, no reason text. Reading it is logged
 * in the same client's trail.
 */
export async function accessLogAs(
  ctx: AccessContext,
  clientId: string,
): Promise<AccessLogLine[] | undefined> {
  await need(ctx, "client.inzage", "logboek", "verantwoording");
  const { db } = ctx.store;
  const client = UUID.test(clientId)
    ? await db
        .selectFrom("client")
        .select("id")
        .where("id", "=", clientId)
        .where(clientFilter(db, { ...ctx, withoutBreakGlass: true }))
        .executeTakeFirst()
    : undefined;
  if (!client) {
    await missed(ctx, "lezen", "logboek", "verantwoording", clientId);
    return undefined;
  }
  const rows = await db
    .selectFrom("audit_event")
    .select(["at", "actor_name", "role", "organisation", "action", "resource", "purpose", "outcome"])
    .where("client_id", "=", clientId)
    .orderBy("seq", "desc")
    .limit(ACCESS_LOG_LIMIT)
    .execute();
  await audit(ctx, "lezen", "logboek", "verantwoording", [clientId], {
    resourceId: clientId,
    detail: { per: "client-inzage", aantal: rows.length },
  });
  const isRole = (r: string | null): r is Role => r !== null && (ROLES as readonly string[]).includes(r);
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    role: isRole(r.role) ? r.role : null,
    roleName: isRole(r.role) ? ROLE_NAMES[r.role] : null,
    organisation: r.organisation,
    action: r.action,
    resource: r.resource,
    purpose: r.purpose,
    purposeText: PURPOSES[r.purpose as Purpose] ?? r.purpose,
    outcome: r.outcome,
  }));
}

export interface ContractedProvider {
  agb: string;
  name: string;
  contracts: {
    segment: string;
    /** null: every product of the segment */
    product: string | null;
    /** null: every purchase area */
    purchaseArea: string | null;
    validFrom: IsoDate;
    validTo: IsoDate | null;
  }[];
}

/**
 * The providers with a contract in a region (and segment) on a date, for choosing one in an allocation.
 * Contracts hold no personal data, but only a role that allocates needs them, so the same check and log
 * apply as to the other registry reads.
 */
export async function contractedProvidersAs(
  ctx: AccessContext,
  query: { regionId: string; segment?: string; date: IsoDate },
): Promise<ContractedProvider[]> {
  await need(ctx, "toewijzing.aanmaken", "contract", "toewijzing");
  const { db } = ctx.store;
  let q = db
    .selectFrom("contract")
    .innerJoin("provider", "provider.agb", "contract.provider_agb")
    .select([
      "provider.agb",
      "provider.name",
      "contract.segment",
      "contract.product",
      "contract.purchase_area",
      "contract.valid_from",
      "contract.valid_to",
    ])
    .where("contract.region_id", "=", query.regionId)
    .where("contract.valid_from", "<=", query.date)
    .where((eb) => eb.or([eb("contract.valid_to", "is", null), eb("contract.valid_to", ">=", query.date)]))
    .orderBy("provider.name")
    .orderBy("provider.agb")
    .orderBy("contract.segment")
    .orderBy("contract.product");
  if (query.segment) q = q.where("contract.segment", "=", query.segment);
  const rows = await q.execute();
  const providers = new Map<string, ContractedProvider>();
  for (const r of rows) {
    const p = providers.get(r.agb) ?? { agb: r.agb, name: r.name, contracts: [] };
    p.contracts.push({
      segment: r.segment,
      product: r.product,
      purchaseArea: r.purchase_area,
      validFrom: r.valid_from,
      validTo: r.valid_to,
    });
    providers.set(r.agb, p);
  }
  await audit(ctx, "lezen", "contract", "toewijzing", [null], {
    detail: { regio: query.regionId, segment: query.segment ?? null, aantal: providers.size },
  });
  return [...providers.values()];
}

// ---------------------------------------------------------------------------------------------------
// Referrals

export type ReferralItem = Omit<ReferralRecord, "advice"> & { referredBy: string | null };

const REFERRAL_ITEM_COLUMNS = [
  "id",
  "client_id",
  "region_id",
  "municipality",
  "request_date",
  "segments",
  "referred_by",
] as const;

function toReferralItem(r: {
  id: string;
  client_id: string;
  region_id: string;
  municipality: string;
  request_date: string;
  segments: string;
  referred_by: string | null;
}): ReferralItem {
  return {
    id: r.id,
    clientId: r.client_id,
    regionId: r.region_id,
    municipality: r.municipality,
    requestDate: r.request_date,
    segments: r.segments ? r.segments.split(",") : [],
    referredBy: r.referred_by,
  };
}

export interface ReferralView extends ReferralRecord {
  referredBy: string | null;
  facts: CaseFacts;
}

export async function listReferralsAs(
  ctx: AccessContext,
  filter: { clientId?: string } = {},
): Promise<ReferralItem[]> {
  await need(ctx, "verwijzing.lezen", "verwijzing", "toegang");
  const { db } = ctx.store;
  let q = db
    .selectFrom("referral")
    .select(REFERRAL_ITEM_COLUMNS)
    .where(referralFilter(db, ctx))
    .orderBy("request_date")
    .orderBy("id");
  if (filter.clientId) q = q.where("client_id", "=", UUID.test(filter.clientId) ? filter.clientId : null);
  const rows = await q.execute();
  await audit(
    ctx,
    "lezen",
    "verwijzing",
    "toegang",
    rows.map((r) => r.client_id),
    { detail: { aantal: rows.length } },
  );
  return rows.map(toReferralItem);
}

export async function getReferralAs(ctx: AccessContext, id: string): Promise<ReferralView | undefined> {
  await need(ctx, "verwijzing.lezen", "verwijzing", "toegang");
  const { db } = ctx.store;
  const row = UUID.test(id)
    ? await db
        .selectFrom("referral")
        .selectAll()
        .where("id", "=", id)
        .where(referralFilter(db, ctx))
        .executeTakeFirst()
    : undefined;
  if (!row) {
    await missed(ctx, "lezen", "verwijzing", "toegang", id);
    return undefined;
  }
  await audit(ctx, "lezen", "verwijzing", "toegang", [row.client_id], { resourceId: id });
  const parse = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;
  return {
    id: row.id,
    clientId: row.client_id,
    regionId: row.region_id,
    municipality: row.municipality,
    requestDate: row.request_date,
    segments: row.segments ? row.segments.split(",") : [],
    advice: parse<Advice>(row.advice),
    facts: parse<CaseFacts>(row.facts),
    referredBy: row.referred_by,
  };
}

/** A referral made by the actor: an access team only for its own municipality; the referrer is recorded. */
export async function createReferralAs(
  ctx: AccessContext,
  region: CompiledRegion,
  input: { bsn: string; facts: CaseFacts; idempotencyKey: string },
): Promise<{ referral: ReferralRecord; created: boolean }> {
  await need(ctx, "verwijzing.aanmaken", "verwijzing", "toegang");
  const { actor } = ctx;
  if (
    actor.role === "toegang" &&
    input.facts.municipality &&
    input.facts.municipality !== actor.municipality
  ) {
    throw new RegistryError([
      {
        field: "municipality",
        value: input.facts.municipality,
        reason: `u werkt voor gemeente ${actor.municipality}; verwijs via de Toegang van de gemeente van het kind`,
        rule: "toegang-eigen-gemeente",
      },
    ]);
  }
  // The key is the actor's own: two professionals who happen to pick the same key do not collide.
  const result = await createReferral(ctx.store, region, {
    ...input,
    idempotencyKey: `${actor.userId}:${input.idempotencyKey}`,
    referredBy: actor.userId,
  });
  await audit(
    ctx,
    result.created ? "aanmaken" : "lezen",
    "verwijzing",
    "toegang",
    [result.referral.clientId],
    {
      resourceId: result.referral.id,
      detail: { herhaald: !result.created },
    },
  );
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Allocations

export async function scopedAllocations(
  ctx: AccessContext,
  filter: { clientId?: string; number?: string; status?: "actief" | "beeindigd" },
): Promise<{ rows: AllocationRecord[] }> {
  const { db } = ctx.store;
  let q = db
    .selectFrom("allocation")
    .select(allocationColumns)
    .where(allocationFilter(db, ctx))
    .orderBy("number");
  if (filter.clientId) q = q.where("client_id", "=", UUID.test(filter.clientId) ? filter.clientId : null);
  if (filter.number) q = q.where("number", "=", filter.number);
  if (filter.status) q = q.where("status", "=", filter.status);
  return { rows: (await q.execute()).map(toAllocation) };
}

export async function listAllocationsAs(
  ctx: AccessContext,
  filter: { clientId?: string; status?: "actief" | "beeindigd" } = {},
): Promise<AllocationRecord[]> {
  await need(ctx, "toewijzing.lezen", "toewijzing", "toewijzing");
  const { rows } = await scopedAllocations(ctx, filter);
  await audit(
    ctx,
    "lezen",
    "toewijzing",
    "toewijzing",
    rows.map((a) => a.clientId),
    { detail: { aantal: rows.length } },
  );
  return rows;
}

export async function getAllocationAs(
  ctx: AccessContext,
  number: string,
): Promise<AllocationRecord | undefined> {
  await need(ctx, "toewijzing.lezen", "toewijzing", "toewijzing");
  const [found] = (await scopedAllocations(ctx, { number })).rows;
  await audit(
    ctx,
    "lezen",
    "toewijzing",
    "toewijzing",
    [found?.clientId ?? null],
    { resourceId: number.slice(0, 64) },
    found ? "ok" : "niet-gevonden",
  );
  return found;
}

/** An allocation for a client in the actor's scope and municipality; one transaction with its audit record. */
export async function createAllocationAs(
  ctx: AccessContext,
  region: CompiledRegion,
  input: NewAllocation,
): Promise<{ allocation: AllocationRecord; created: boolean; ended: AllocationRecord[] } | undefined> {
  await need(ctx, "toewijzing.aanmaken", "toewijzing", "toewijzing");
  const { db } = ctx.store;
  const client = UUID.test(input.clientId)
    ? await db
        .selectFrom("client")
        .select("id")
        .where("id", "=", input.clientId)
        // Break-glass opens a file to read, not to allocate for another municipality's child.
        .where(clientFilter(db, { ...ctx, withoutBreakGlass: true }))
        .executeTakeFirst()
    : undefined;
  if (!client) {
    await audit(ctx, "aanmaken", "toewijzing", "toewijzing", [null], {}, "niet-gevonden");
    return undefined;
  }
  if (ctx.actor.role === "toegang" && input.municipality !== ctx.actor.municipality) {
    throw new RegistryError([
      {
        field: "municipality",
        value: input.municipality,
        reason: `u wijst toe namens gemeente ${ctx.actor.municipality}`,
        rule: "toegang-eigen-gemeente",
      },
    ]);
  }
  return db.transaction().execute(async (tx) => {
    const result = await createAllocationIn(tx, region, {
      ...input,
      idempotencyKey: `${ctx.actor.userId}:${input.idempotencyKey}`,
    });
    await appendAudit(tx, [
      entry(ctx, result.created ? "aanmaken" : "lezen", "toewijzing", "toewijzing", "ok", {
        clientId: input.clientId,
        resourceId: result.allocation.number,
        detail: { beeindigd: result.ended.map((a) => a.number) },
      }),
    ]);
    return result;
  });
}

export async function endAllocationAs(
  ctx: AccessContext,
  input: { number: string; endDate: IsoDate; reason: string },
): Promise<AllocationRecord | undefined> {
  await need(ctx, "toewijzing.wijzigen", "toewijzing", "toewijzing");
  const [found] = (await scopedAllocations({ ...ctx, withoutBreakGlass: true }, { number: input.number }))
    .rows;
  if (!found) {
    await missed(ctx, "wijzigen", "toewijzing", "toewijzing", input.number);
    return undefined;
  }
  const ended = await endAllocation(ctx.store, input);
  await audit(ctx, "wijzigen", "toewijzing", "toewijzing", [found.clientId], {
    resourceId: found.number,
    detail: { einddatum: input.endDate },
  });
  return ended;
}

// ---------------------------------------------------------------------------------------------------
// Deadlines

/** The deadlines about rows in the actor's scope: the municipality's, or a provider's own allocations and requests. */
export async function deadlinesAs(
  ctx: AccessContext,
  filter: { clientId?: string } = {},
): Promise<Deadline[]> {
  await need(ctx, "termijnen.lezen", "termijnen", "toewijzing");
  const all = [...(await registryDeadlines(ctx.store)), ...(await ijwDeadlines(ctx.store))];
  const { actor } = ctx;
  let mine: Deadline[];
  if (actor.role === "toegang") {
    mine = all.filter((d) => d.municipality === actor.municipality);
  } else {
    const numbers = new Set((await scopedAllocations(ctx, {})).rows.map((a) => a.number));
    mine = all.filter(
      (d) =>
        ((d.kind === "melding-start" || d.kind === "melding-stop") && numbers.has(d.subjectId)) ||
        (actor.role === "aanbieder" &&
          (d.kind === "antwoord-verzoek" || d.kind === "besluit-na-onderzoek") &&
          d.subjectId.startsWith(`${actor.providerAgb}/`)),
    );
  }
  if (filter.clientId !== undefined) {
    // One client's deadlines: those about its referrals and allocations the actor reaches.
    const clientId = UUID.test(filter.clientId) ? filter.clientId : null;
    const { db } = ctx.store;
    const referrals =
      ctx.actor.role === "toegang" || ctx.actor.role === "verwijzer"
        ? await db
            .selectFrom("referral")
            .select("id")
            .where("client_id", "=", clientId)
            .where(referralFilter(db, ctx))
            .execute()
        : [];
    const numbers = clientId ? (await scopedAllocations(ctx, { clientId })).rows.map((a) => a.number) : [];
    // iJw requests about the client: the municipality's (a provider's own are under its AGB already).
    const requests = await db
      .selectFrom("ijw_request")
      .select(["provider_agb", "referentie"])
      .where("client_id", "=", clientId)
      .where("municipality", "=", ctx.actor.role === "toegang" ? (ctx.actor.municipality ?? null) : null)
      .execute();
    const subjects = new Set([
      ...referrals.map((r) => r.id),
      ...numbers,
      ...requests.map((r) => `${r.provider_agb}/${r.referentie}`),
    ]);
    mine = mine.filter((d) => subjects.has(d.subjectId));
    await audit(ctx, "lezen", "termijnen", "toewijzing", [subjects.size > 0 ? clientId : null], {
      detail: { aantal: mine.length, per: "client" },
    });
    return mine.sort((a, b) => a.due.localeCompare(b.due));
  }
  await audit(ctx, "lezen", "termijnen", "toewijzing", [null], { detail: { aantal: mine.length } });
  return mine.sort((a, b) => a.due.localeCompare(b.due));
}

// ---------------------------------------------------------------------------------------------------
// iJw messages

export interface MessageSummary {
  id: string;
  direction: "in" | "uit";
  type: string;
  identificatie: string;
  dagtekening: IsoDate;
  sender: string;
  receiver: string;
  status: string;
  summary: string;
  exported: boolean;
}

export async function listMessagesAs(
  ctx: AccessContext,
  filter: { direction?: "in" | "uit"; pending?: boolean; clientId?: string } = {},
): Promise<MessageSummary[]> {
  await need(ctx, "ijw.downloaden", "ijw-bericht", "berichtenverkeer");
  const { db } = ctx.store;
  let q = db
    .selectFrom("ijw_message")
    .select([
      "id",
      "direction",
      "type",
      "identificatie",
      "dagtekening",
      "sender",
      "receiver",
      "status",
      "summary",
      "exported_at",
      "client_id",
    ])
    .where(messageFilter(db, ctx))
    .orderBy("created_at")
    .orderBy("identificatie");
  if (filter.direction) q = q.where("direction", "=", filter.direction);
  if (filter.pending) q = q.where("exported_at", "is", null);
  if (filter.clientId !== undefined)
    q = q.where("client_id", "=", UUID.test(filter.clientId) ? filter.clientId : null);
  const rows = await q.execute();
  await audit(
    ctx,
    "lezen",
    "ijw-bericht",
    "berichtenverkeer",
    rows.map((r) => r.client_id),
    { detail: { aantal: rows.length } },
  );
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    type: r.type,
    identificatie: r.identificatie,
    dagtekening: r.dagtekening,
    sender: r.sender,
    receiver: r.receiver,
    status: r.status,
    summary: r.summary,
    exported: r.exported_at !== null,
  }));
}

/**
 * A message's XML. A provider fetching a message addressed to it marks it delivered (exported), as the
 * exchange's outbox would; the municipality's own download changes nothing.
 */
export async function downloadMessageAs(
  ctx: AccessContext,
  id: string,
): Promise<{ type: string; identificatie: string; xml: string } | undefined> {
  await need(ctx, "ijw.downloaden", "ijw-bericht", "berichtenverkeer");
  const { db, vault } = ctx.store;
  const row = UUID.test(id)
    ? await db
        .selectFrom("ijw_message")
        .select(["id", "type", "identificatie", "direction", "body_cipher", "client_id", "exported_at"])
        .where("id", "=", id)
        .where(messageFilter(db, ctx))
        .executeTakeFirst()
    : undefined;
  if (!row) {
    await missed(ctx, "exporteren", "ijw-bericht", "berichtenverkeer", id);
    return undefined;
  }
  await db.transaction().execute(async (tx) => {
    if (row.direction === "uit" && ctx.actor.role === "aanbieder" && row.exported_at === null) {
      await tx.updateTable("ijw_message").set({ exported_at: new Date() }).where("id", "=", row.id).execute();
    }
    await appendAudit(
      tx,
      entry(ctx, "exporteren", "ijw-bericht", "berichtenverkeer", "ok", {
        clientId: row.client_id,
        resourceId: row.id,
        detail: { type: row.type, identificatie: row.identificatie },
      }),
    );
  });
  return { type: row.type, identificatie: row.identificatie, xml: vault.decrypt(row.body_cipher) };
}

/**
 * Imports a message sent in by the actor: a provider only messages it sent itself (Afzender is its AGB),
 * an access team only messages addressed to its municipality (Ontvanger). What the message's rules
 * refuse gets a retour as usual; a message outside the actor's own exchange is refused before import.
 */
export async function uploadMessageAs(
  ctx: AccessContext,
  bytes: Uint8Array,
  exchange: ExchangeContext,
): Promise<ImportOutcome | { status: "geweigerd"; reasons: string[] }> {
  await need(ctx, "ijw.uploaden", "ijw-bericht", "berichtenverkeer");
  const checked = validateMessage(bytes, { today: exchange.today });
  if (checked.stage === "regels") {
    const header = checked.bericht.Header as { Afzender: string; Ontvanger: string };
    const { actor } = ctx;
    const party = actor.role === "aanbieder" ? actor.providerAgb : actor.municipality;
    const field = actor.role === "aanbieder" ? "Afzender" : "Ontvanger";
    const own = actor.role === "aanbieder" ? header.Afzender === party : header.Ontvanger === party;
    if (!own) {
      await audit(
        ctx,
        "bericht-in",
        "ijw-bericht",
        "berichtenverkeer",
        [null],
        { detail: { type: checked.type, veld: field } },
        "geweigerd",
      );
      return {
        status: "geweigerd",
        reasons: [
          `${field} van dit bericht is niet uw organisatie (${party ?? "onbekend"}); u kunt alleen uw eigen berichten aanleveren`,
        ],
      };
    }
  }
  const outcome = await importMessage(ctx.store, bytes, {
    ...exchange,
    actor: ctx.actor,
    ...(ctx.traceId ? { traceId: ctx.traceId } : {}),
  });
  if (ctx.actor.role !== "aanbieder") return outcome;
  // A provider gets the rule and the retour code, as in the retour itself, not the registry's facts
  // behind them (another provider's allocation, where the child lives): those are not its to know.
  return {
    ...outcome,
    reasons: outcome.reasons.map(
      (r) => /^[A-Z]{2}\d{3,4} \(retourcode \d{4}\)/.exec(r)?.[0] ?? "zie de retour",
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// Break-glass

/**
 * Noodtoegang: opens one client's file outside the actor's normal scope for a few hours, with a reason
 * that is kept in the audit trail (NEN 7513 requires every use to be logged and reviewable).
 */
export async function breakGlass(
  ctx: AccessContext,
  input: { bsn: string; reason: string },
): Promise<{ clientId: string; endsAt: string } | undefined> {
  await need(ctx, "noodtoegang", "client", "noodtoegang");
  const reason = input.reason.trim();
  if (reason.length < BREAK_GLASS_MIN_REASON) {
    throw new RegistryError([
      {
        field: "reden",
        value: reason,
        reason: `geef een reden van minstens ${BREAK_GLASS_MIN_REASON} tekens: die komt in het logboek`,
        rule: "noodtoegang-reden",
      },
    ]);
  }
  const bsn = bsnOf(input.bsn);
  const { db, vault } = ctx.store;
  const client = await db
    .selectFrom("client")
    .select("id")
    .where("bsn_hmac", "=", vault.lookupHash(bsn))
    .executeTakeFirst();
  if (!client) {
    await audit(ctx, "noodtoegang", "client", "noodtoegang", [null], { reason }, "niet-gevonden");
    return undefined;
  }
  const running = await db
    .selectFrom("break_glass")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", ctx.actor.userId)
    .where("ends_at", ">", new Date())
    .executeTakeFirstOrThrow();
  if (Number(running.n) >= BREAK_GLASS_MAX_OPEN) {
    await audit(ctx, "noodtoegang", "client", "noodtoegang", [client.id], { reason }, "geweigerd");
    throw new RegistryError([
      {
        field: "reden",
        value: "(verborgen)",
        reason: `u hebt al ${BREAK_GLASS_MAX_OPEN} lopende noodtoegangen; vraag de privacyfunctionaris`,
        rule: "noodtoegang-maximum",
      },
    ]);
  }
  const startedAt = new Date();
  const endsAt = new Date(startedAt.getTime() + BREAK_GLASS_HOURS * 3600_000);
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("break_glass")
      .values({
        id: randomUUID(),
        user_id: ctx.actor.userId,
        client_id: client.id,
        reason,
        started_at: startedAt,
        ends_at: endsAt,
      })
      .execute();
    await appendAudit(
      tx,
      entry(ctx, "noodtoegang", "client", "noodtoegang", "ok", {
        clientId: client.id,
        resourceId: client.id,
        reason,
        detail: { tot: endsAt.toISOString() },
      }),
    );
  });
  return { clientId: client.id, endsAt: endsAt.toISOString() };
}

// ---------------------------------------------------------------------------------------------------
// Aggregates

/** Counts below this are shown as "fewer than" so a small municipality's figure does not point at a child. */
export const SMALL_CELL = 5;

export interface AllocationCount {
  municipality: string;
  regionId: string;
  segment: string;
  /** null: fewer than SMALL_CELL */
  clients: number | null;
  allocations: number | null;
}

/** The first day of a date's month: counts on two days in a row would show one child start or stop. */
export const monthOf = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01`;

/**
 * Running allocations and distinct clients per municipality and segment on the first day of a month;
 * no personal data. Small counts are hidden and rows with nothing to show are left out.
 */
export async function allocationCounts(ctx: AccessContext, date: IsoDate): Promise<AllocationCount[]> {
  await need(ctx, "monitoring.lezen", "monitoring", "beleid");
  const on = monthOf(date);
  const { db } = ctx.store;
  const rows = await db
    .selectFrom("allocation")
    .select((eb) => [
      "municipality",
      "region_id",
      "segment",
      eb.fn.count<string>("client_id").distinct().as("clients"),
      eb.fn.countAll<string>().as("allocations"),
    ])
    .where("start_date", "<=", on)
    .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", on)]))
    .groupBy(["municipality", "region_id", "segment"])
    .orderBy("municipality")
    .orderBy("segment")
    .execute();
  await audit(ctx, "lezen", "monitoring", "beleid", [null], { detail: { peildatum: on } });
  const cell = (n: string) => (Number(n) < SMALL_CELL ? null : Number(n));
  // A row of hidden counts still says "at least one child here": such rows are left out.
  return rows
    .filter((r) => cell(r.clients) !== null || cell(r.allocations) !== null)
    .map((r) => ({
      municipality: r.municipality,
      regionId: r.region_id,
      segment: r.segment,
      clients: cell(r.clients),
      allocations: cell(r.allocations),
    }));
}

/** For tests and the matrix: the ids of every client the actor reaches. */
export async function clientIdsFor(ctx: AccessContext): Promise<string[]> {
  const rows = await clientIdsInScope(ctx.store.db, ctx).execute();
  return rows.map((r) => r.client_id).sort();
}

// ---------------------------------------------------------------------------------------------------
// The log (auditor) and users (functional admin)

/** The two NEN 7513 views: per client and per employee. Reading the log is itself logged. */
export async function auditViewAs(
  ctx: AccessContext,
  query: {
    clientId?: string;
    actorId?: string;
    from?: string;
    to?: string;
    afterSeq?: number;
    limit?: number;
  },
): Promise<AuditRecord[]> {
  await need(ctx, "audit.lezen", "logboek", "verantwoording");
  if (query.clientId !== undefined && !UUID.test(query.clientId)) return [];
  const records = await listAudit(ctx.store.db, query);
  await audit(ctx, "lezen", "logboek", "verantwoording", [null], {
    resourceId: query.clientId ?? query.actorId ?? null,
    detail: { per: query.clientId ? "client" : "medewerker", aantal: records.length },
  });
  return records;
}

export async function verifyAuditAs(ctx: AccessContext): Promise<AuditVerification> {
  await need(ctx, "audit.lezen", "logboek", "verantwoording");
  const result = await verifyAudit(ctx.store.db);
  await audit(ctx, "lezen", "logboek", "verantwoording", [null], {
    detail: { verificatie: result.ok ? "heel" : "gebroken", gecontroleerd: result.checked },
  });
  return result;
}

export async function listUsersAs(ctx: AccessContext): Promise<UserRecord[]> {
  await need(ctx, "gebruikers.beheren", "gebruiker", "beheer");
  const users = await listUsers(ctx.store);
  await audit(ctx, "lezen", "gebruiker", "beheer", [null], { detail: { aantal: users.length } });
  return users;
}

/** Adds or changes a user; saveUser writes its own audit record with the admin as actor. */
/** No one changes their own role, relationship or access: that needs another admin. */
function notOwnAccount(ctx: AccessContext, id: string): void {
  if (id !== ctx.actor.userId) return;
  throw new RegistryError([
    {
      field: "id",
      value: id,
      reason: "u kunt uw eigen account niet wijzigen; vraag een andere functioneel beheerder",
      rule: "eigen-account",
    },
  ]);
}

export async function saveUserAs(ctx: AccessContext, input: UserInput): Promise<UserRecord> {
  await need(ctx, "gebruikers.beheren", "gebruiker", "beheer");
  notOwnAccount(ctx, input.id);
  return saveUser(ctx.store, input, ctx.actor, ctx.traceId);
}

export async function setUserActiveAs(
  ctx: AccessContext,
  id: string,
  active: boolean,
): Promise<UserRecord | undefined> {
  await need(ctx, "gebruikers.beheren", "gebruiker", "beheer");
  notOwnAccount(ctx, id);
  return setUserActive(ctx.store, id, active, ctx.actor, ctx.traceId);
}

/**
 * A functional admin brings the registry's regions, municipalities and memberships in line with the
 * model files (after a new model version is deployed); refused, with nothing changed, while any model
 * has an error the static check finds.
 */
export async function syncRegionModelsAs(
  ctx: AccessContext,
  check: () => { regionId: string; errors: number }[],
): Promise<RegionSyncSummary> {
  await need(ctx, "regiomodel.beheren", "regiomodel", "beheer");
  const broken = check().filter((c) => c.errors > 0);
  if (broken.length > 0) {
    await audit(ctx, "beheer", "regiomodel", "beheer", [null], { detail: { fouten: broken } }, "geweigerd");
    throw new RegistryError(
      broken.map((b) => ({
        field: "regionId",
        value: b.regionId,
        reason: `het model heeft ${b.errors} fout(en) volgens de statische controle; herstel die eerst`,
        rule: "regiomodel-zonder-fouten",
      })),
    );
  }
  const summary = await syncRegionModels(ctx.store, loadMembershipLayers());
  await audit(ctx, "beheer", "regiomodel", "beheer", [null], { detail: { ...summary } });
  return summary;
}
