import { createHash, randomBytes, randomUUID } from "node:crypto";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Actor, Purpose } from "../registry/access.ts";
import { PURPOSES } from "../registry/access.ts";
import { canonicalJson } from "../rules/engine.ts";
import type { AuditEventTable, Database } from "./schema.ts";

/**
 * The audit trail (NEN 7513, Logboek Dataverwerkingen): one record per action per client concerned,
 * written in the same transaction as what it records, so a write and its record land together or not
 * at all. Each record holds the hash of the one before it; `verifyAudit` walks the chain and finds any
 * row changed, removed or slipped in around the append-only trigger of migration 0011.
 *
 * Records name clients by registry id and carry no content (no BSN, no facts), so they outlive a
 * destroyed dossier without keeping what was destroyed.
 */

export const AUDIT_ACTIONS = [
  "lezen",
  "zoeken",
  "aanmaken",
  "wijzigen",
  "exporteren",
  "bericht-in",
  "bericht-uit",
  "inloggen",
  "inloggen-mislukt",
  "uitloggen",
  "noodtoegang",
  "vernietigen",
  "beheer",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = "ok" | "geweigerd" | "niet-gevonden" | "fout";

export interface AuditEntry {
  /** null: the system itself (a scheduled job, an import from the command line) */
  actor: Actor | null;
  action: AuditAction;
  /** What kind of thing: client, verwijzing, toewijzing, ijw-bericht, sessie, ... */
  resource: string;
  resourceId?: string | null;
  clientId?: string | null;
  purpose: Purpose;
  /** Why, in the user's words: required for break-glass, optional elsewhere. */
  reason?: string | null;
  outcome: AuditOutcome;
  /** Identifiers and counts only; never personal data. */
  detail?: Record<string, unknown>;
  /** One per processing (an API request); several records of one request share it. */
  traceId?: string;
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  traceId: string;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  organisation: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  clientId: string | null;
  purpose: string;
  purposeText: string;
  reason: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The hash before the first record. */
export const GENESIS = "0".repeat(64);

/** Any key will do as long as every writer takes the same one: it orders the chain across processes. */
const CHAIN_LOCK = 7513;

export const newTraceId = (): string => randomBytes(16).toString("hex");

type Chained = Omit<AuditRecord, "seq" | "hash" | "purposeText">;

/** The hash of a record: its fields (canonical JSON, so column order and jsonb key order do not matter). */
export function auditHash(record: Chained): string {
  return createHash("sha256")
    .update(record.prevHash)
    .update("\n")
    .update(canonicalJson(record))
    .digest("hex");
}

/** NUL and lone surrogates: PostgreSQL refuses them in jsonb and text, or stores U+FFFD in their place. */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A record as the database will give it back (JSON: undefined in an array becomes null, a Date its ISO
 * text; strings with U+FFFD for what cannot be stored), so the hash written is the hash verify computes,
 * and odd input cannot make the write it records fail.
 */
function storable(value: unknown): unknown {
  if (typeof value === "string") return value.replace(UNSTORABLE, "\ufffd");
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)]));
  return value;
}

/** Appends records to the chain; inside the caller's transaction when given one. */
export async function appendAudit(db: Db, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  if (!db.isTransaction) {
    await db.transaction().execute((tx) => appendAudit(tx, list));
    return;
  }
  const locked = sql<{ isolation: string }>`select pg_advisory_xact_lock(${CHAIN_LOCK}),
    current_setting('transaction_isolation') as isolation`;
  const isolation = (await locked.execute(db)).rows[0]?.isolation;
  // Under repeatable read the select below would see the chain as it was when the transaction began,
  // not what the previous holder of the lock committed, and the chain would fork.
  if (isolation !== "read committed")
    throw new Error(`appendAudit: isolatie '${isolation}'; alleen read committed houdt de keten heel`);
  const last = await db
    .selectFrom("audit_event")
    .select("hash")
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS;
  const traceFallback = newTraceId();
  const rows = [];
  for (const entry of list) {
    const given: Chained = {
      id: randomUUID(),
      at: new Date().toISOString(),
      traceId: entry.traceId ?? traceFallback,
      actorId: entry.actor?.userId ?? null,
      actorName: entry.actor?.name ?? null,
      role: entry.actor?.role ?? null,
      organisation: entry.actor?.organisation ?? null,
      action: entry.action,
      resource: entry.resource,
      resourceId: entry.resourceId ?? null,
      clientId: entry.clientId ?? null,
      purpose: entry.purpose,
      reason: entry.reason ?? null,
      outcome: entry.outcome,
      detail: entry.detail ?? {},
      prevHash,
    };
    const record = storable(JSON.parse(JSON.stringify(given))) as Chained;
    const hash = auditHash(record);
    rows.push({
      id: record.id,
      at: record.at,
      trace_id: record.traceId,
      actor_id: record.actorId,
      actor_name: record.actorName,
      role: record.role,
      organisation: record.organisation,
      action: record.action,
      resource: record.resource,
      resource_id: record.resourceId,
      client_id: record.clientId,
      purpose: record.purpose,
      reason: record.reason,
      outcome: record.outcome,
      detail: JSON.stringify(record.detail),
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  await db.insertInto("audit_event").values(rows).execute();
}

function toRecord(row: Selectable<AuditEventTable>): AuditRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: new Date(row.at).toISOString(),
    traceId: row.trace_id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    role: row.role,
    organisation: row.organisation,
    action: row.action,
    resource: row.resource,
    resourceId: row.resource_id,
    clientId: row.client_id,
    purpose: row.purpose,
    purposeText: PURPOSES[row.purpose as Purpose] ?? row.purpose,
    reason: row.reason,
    outcome: row.outcome,
    detail: (typeof row.detail === "string" ? JSON.parse(row.detail) : row.detail) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditQuery {
  clientId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  /** Only records after this seq: the next page. */
  afterSeq?: number;
  limit?: number;
}

/** Records in chain order (oldest first), filtered per client or per employee (the two NEN 7513 views). */
export async function listAudit(db: Db, query: AuditQuery = {}): Promise<AuditRecord[]> {
  let q = db.selectFrom("audit_event").selectAll().orderBy("seq");
  if (query.clientId) q = q.where("client_id", "=", query.clientId);
  if (query.actorId) q = q.where("actor_id", "=", query.actorId);
  if (query.from) q = q.where("at", ">=", new Date(query.from));
  if (query.to) q = q.where("at", "<", new Date(query.to));
  if (query.afterSeq !== undefined) q = q.where("seq", ">", String(query.afterSeq));
  q = q.limit(query.limit ?? 1000);
  return (await q.execute()).map(toRecord);
}

export interface AuditVerification {
  checked: number;
  ok: boolean;
  /** The first record where the chain breaks, and why. */
  broken?: { seq: number; reason: string };
  /** The hash of the last record: keep it elsewhere to detect removal of records at the end. */
  head: string;
}

/** Walks the whole chain in order and recomputes every hash. */
export async function verifyAudit(db: Db, pageSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let checked = 0;
  let after = "0";
  for (;;) {
    const rows = await db
      .selectFrom("audit_event")
      .selectAll()
      // The hash covers the time in milliseconds; a change below that would otherwise go unseen.
      .select(sql<boolean>`date_trunc('milliseconds', at) = at`.as("whole_ms"))
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const record = toRecord(row);
      if (record.prevHash !== prevHash) {
        return {
          checked,
          ok: false,
          head: prevHash,
          broken: {
            seq: record.seq,
            reason: "de verwijzing naar de vorige regel klopt niet: een regel is verwijderd of ingevoegd",
          },
        };
      }
      const { seq: _seq, hash, purposeText: _text, ...chained } = record;
      if (auditHash(chained) !== hash || !row.whole_ms) {
        return {
          checked,
          ok: false,
          head: prevHash,
          broken: { seq: record.seq, reason: "de inhoud van deze regel is gewijzigd na het schrijven" },
        };
      }
      prevHash = hash;
      checked++;
    }
    if (rows.length < pageSize) break;
    after = String(rows[rows.length - 1]?.seq);
  }
  return { checked, ok: true, head: prevHash };
}
