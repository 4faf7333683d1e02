import type { Purpose } from "../registry/access.ts";
import { type AuditEntry, type AuditOutcome, appendAudit } from "./audit.ts";
import type { Store } from "./database.ts";
import type { ExchangeContext, Tx } from "./ijw.ts";

/**
 * The audit records of the iJw exchange (NEN 7513: transfer to and from other systems): one per message
 * per client concerned, for every message in (bericht-in), every message placed in the outbox
 * (bericht-uit) and every export (exporteren). Clients are named by registry id; the BSN and the
 * message's content stay out of the trail.
 */

export type AuditWho = Pick<ExchangeContext, "actor" | "traceId">;

/** One message's audit record before the clients it concerns are looked up. */
export interface MessageAudit {
  action: "bericht-in" | "bericht-uit" | "exporteren";
  messageId: string | null;
  purpose: Purpose;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  /** Clients the caller knows the message is about (a retour without remarks carries no BSN). */
  clientIds: (string | null | undefined)[];
  /** The BSNs in the message: each registered client among them is concerned too. */
  bsns: string[];
}

export const purposeOf = (type: string | undefined): Purpose =>
  type === "JW323" || type === "JW325" ? "bekostiging" : "berichtenverkeer";

/** Every Bsn element's value in a message object (a declaration names many clients). */
export function bsnsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) bsnsOf(v, out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (k === "Bsn" && typeof v === "string") out.push(v);
      else bsnsOf(v, out);
    }
  return out;
}

/** The BSNs in a message from the outbox: writeMessage made it, so its Bsn elements are plain digits. */
export const bsnsInOwnXml = (xml: string): string[] =>
  [...xml.matchAll(/<(?:[\w.-]+:)?Bsn>(\d{9})</g)].map((m) => m[1]!);

/**
 * The outgoing messages' records of an exchange transaction, written with its own at its end: the chain's
 * lock (appendAudit) is then the last lock the transaction takes, so two imports that lock clients and
 * allocations cannot end up waiting on each other.
 */
const pending = new WeakMap<Tx, MessageAudit[]>();

/** From now on `recordOutgoing` collects into the returned list instead of writing at once. */
export function collectAudit(tx: Tx): MessageAudit[] {
  const list: MessageAudit[] = [];
  pending.set(tx, list);
  return list;
}

/** A message placed in the outbox: collected when the transaction collects, else written now. */
export async function recordOutgoing(tx: Tx, store: Store, record: MessageAudit): Promise<void> {
  const list = pending.get(tx);
  if (list) list.push(record);
  else await writeMessageAudit(tx, store, {}, [record]);
}

/** Writes the records: per message one per client concerned, or one without client when none is. */
export async function writeMessageAudit(
  db: Tx | Store["db"],
  store: Store,
  who: AuditWho,
  list: MessageAudit[],
): Promise<void> {
  const hashes = [...new Set(list.flatMap((m) => m.bsns))].map((b) => store.vault.lookupHash(b));
  const known =
    hashes.length === 0
      ? []
      : await db.selectFrom("client").select(["id", "bsn_hmac"]).where("bsn_hmac", "in", hashes).execute();
  const byHash = new Map(known.map((c) => [c.bsn_hmac, c.id]));
  const entries: AuditEntry[] = list.flatMap((m) => {
    const clients = new Set<string>();
    for (const id of m.clientIds) if (id) clients.add(id);
    for (const bsn of m.bsns) {
      const id = byHash.get(store.vault.lookupHash(bsn));
      if (id) clients.add(id);
    }
    return (clients.size > 0 ? [...clients] : [null]).map((clientId) => ({
      actor: who.actor ?? null,
      action: m.action,
      resource: "ijw-bericht",
      resourceId: m.messageId,
      clientId,
      purpose: m.purpose,
      outcome: m.outcome,
      detail: m.detail,
      ...(who.traceId ? { traceId: who.traceId } : {}),
    }));
  });
  await appendAudit(db, entries);
}
