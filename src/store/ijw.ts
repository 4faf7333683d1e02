import { createHash, randomUUID } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { addWeeks, format, parseISO } from "date-fns";
import { addWorkingDays } from "../domain/calendar.ts";
import { type Deadline, deadlineFor } from "../registry/deadlines.ts";
import type { IsoDate } from "../domain/dates.ts";
import type { Actor } from "../registry/access.ts";
import {
  type AllocationForMessage,
  buildJw301,
  buildJw319,
  type ClientPersonalia,
  fullName,
  type Parties,
} from "../ijw/build.ts";
import { writeMessage } from "../ijw/codec.ts";
import type { RuleFinding } from "../ijw/message-rules.ts";
import type { Berichten } from "../ijw/messages.generated.ts";
import { buildRetour, type HeenType, isHeenType, RETOUR_OF } from "../ijw/retour.ts";
import { validateMessage } from "../ijw/validate-message.ts";
import { answerRequestedProduct, refusalForRegistryRule, type VotAnswer } from "../ijw/vot.ts";
import type { MessageType } from "../ijw/xsd-model.ts";
import type { CompiledRegion } from "../rules/engine.ts";
import type { Store } from "./database.ts";
import {
  bsnsInOwnXml,
  bsnsOf,
  collectAudit,
  type MessageAudit,
  purposeOf,
  recordOutgoing,
  writeMessageAudit,
} from "./ijw-audit.ts";
import { handleDeclaration } from "./ijw-declaration.ts";
import { handleStart, handleStop } from "./ijw-regie.ts";
import { handleVow } from "./ijw-vow.ts";
import { createAllocationIn, RegistryError, registerClientIn } from "./registry.ts";
import type { Database } from "./schema.ts";

/**
 * The municipality's side of the iJw 3.2 exchange. Every incoming message is handled in one
 * transaction: its identity is recorded first (so the same message twice, even from two processes at
 * once, has one effect and the second gets retour code 9056), then the rules across messages, then the
 * registry writes and the outgoing messages (retour, allocation, answer) in the outbox. A message that
 * is not XSD-valid changes nothing and gets no retour (the sender hears it from the transport, OP065).
 */

export type Tx = Transaction<Database>;

export interface ExchangeContext {
  /** The day of receipt; also the Dagtekening of what is sent in reply. */
  today: IsoDate;
  /** The region model that applies to a municipality on a date, if any. */
  regionFor(municipality: string, date: IsoDate): CompiledRegion | undefined;
  /** Who handles the messages, for the audit trail; null or absent: the system (the command line). */
  actor?: Actor | null;
  /** The processing (an API request) the audit records belong to; absent: one per import. */
  traceId?: string;
}

export type ImportStatus = "verwerkt" | "afgekeurd" | "dubbel" | "ongeldig" | "niet-voor-gemeente";

export interface ImportOutcome {
  status: ImportStatus;
  type?: MessageType;
  identificatie?: string;
  /** Why, in Dutch: XSD problems, rule findings or what was done. */
  reasons: string[];
  /** Messages placed in the outbox: the retour first. */
  produced: { type: MessageType; identificatie: string }[];
}

const INCOMING_AT_MUNICIPALITY = new Set<MessageType>([
  "JW302",
  "JW305",
  "JW307",
  "JW315",
  "JW317",
  "JW320",
  "JW323",
]);
export const DUPLICATE_IDENTIFICATIE = "9056";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function nextIdentificatie(tx: Tx): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('ijw_identificatie')::text as n`.execute(tx);
  return `WW${rows[0]!.n.padStart(8, "0")}`;
}

export interface Outgoing {
  type: MessageType;
  identificatie: string;
}

/** The keyed hash of the one child a message is about; null for several (a declaration) or none. */
function subjectOf(store: Store, bericht: unknown): string | null {
  const bsns = [...new Set(bsnsOf(bericht))];
  return bsns.length === 1 ? store.vault.lookupHash(bsns[0]!) : null;
}

export async function queue<T extends MessageType>(
  tx: Tx,
  store: Store,
  type: T,
  bericht: Berichten[T],
  meta: { municipality: string; agb: string; clientId?: string; inReplyTo?: string; summary: string },
): Promise<Outgoing> {
  const xml = writeMessage(type, bericht);
  const header = bericht.Header as {
    Afzender: string;
    Ontvanger: string;
    BerichtIdentificatie: { Identificatie: string; Dagtekening: string };
  };
  // A retour keeps the heenbericht's identity in BerichtIdentificatie; its own is IdentificatieRetour.
  const own =
    (bericht.Header as { IdentificatieRetour?: string }).IdentificatieRetour ??
    header.BerichtIdentificatie.Identificatie;
  const dagtekening =
    (bericht.Header as { DagtekeningRetour?: string }).DagtekeningRetour ??
    header.BerichtIdentificatie.Dagtekening;
  const id = randomUUID();
  await tx
    .insertInto("ijw_message")
    .values({
      id,
      direction: "uit",
      type,
      sender: header.Afzender,
      receiver: header.Ontvanger,
      identificatie: own,
      dagtekening,
      content_hash: sha256(Buffer.from(xml)),
      body_cipher: store.vault.encrypt(xml),
      municipality: meta.municipality,
      provider_agb: meta.agb,
      client_id: meta.clientId ?? null,
      in_reply_to: meta.inReplyTo ?? null,
      status: "klaar",
      summary: meta.summary,
    })
    .execute();
  await recordOutgoing(tx, store, {
    action: "bericht-uit",
    messageId: id,
    purpose: purposeOf(type),
    outcome: "ok",
    // A retour copies the heenbericht's header (IV028): the provider is the receiver whatever it says.
    detail: { type, identificatie: own, ontvanger: meta.agb },
    clientIds: [meta.clientId],
    bsns: bsnsOf(bericht),
  });
  return { type, identificatie: own };
}

async function queueRetour(
  tx: Tx,
  store: Store,
  type: HeenType,
  heen: Berichten[HeenType],
  findings: RuleFinding[],
  ctx: ExchangeContext,
  meta: { municipality: string; agb: string; clientId?: string; inReplyTo?: string },
  headerCodes: string[] = [],
): Promise<Outgoing> {
  const retour = buildRetour(type, heen, findings, {
    identificatie: await nextIdentificatie(tx),
    dagtekening: ctx.today,
  });
  if (headerCodes.length > 0)
    (retour.Header as { RetourCodes?: { RetourCode: string[] } }).RetourCodes = { RetourCode: headerCodes };
  const codes = [...new Set([...headerCodes, ...findings.map((f) => f.retourcode)])];
  return queue(tx, store, RETOUR_OF[type], retour as never, {
    ...meta,
    summary: codes.length > 0 ? `retour met ${codes.join(", ")}` : "retour zonder opmerkingen",
  });
}

/** Parties of a message: which side is the municipality and which the provider. */
function partiesOf(type: MessageType, header: { Afzender: string; Ontvanger: string }): Parties {
  const fromProvider = ["JW305", "JW307", "JW315", "JW317", "JW323"].includes(type);
  // Retours copy the heenbericht's sender and receiver unchanged (IV028).
  return fromProvider || /^\d{8}$/.test(header.Afzender)
    ? { agb: header.Afzender, gemeente: header.Ontvanger }
    : { gemeente: header.Afzender, agb: header.Ontvanger };
}

/** Import one message file. Never throws for bad input: the outcome says what happened and why. */
export async function importMessage(
  store: Store,
  bytes: Uint8Array,
  ctx: ExchangeContext,
): Promise<ImportOutcome> {
  const checked = validateMessage(bytes, { today: ctx.today });
  // A message that is refused unread reaches no client: its record names none.
  const unread = (type: MessageType | undefined, detail: Record<string, unknown>) =>
    writeMessageAudit(store.db, store, ctx, [
      {
        action: "bericht-in",
        messageId: null,
        purpose: purposeOf(type),
        outcome: "fout",
        detail: { ...(type ? { type } : {}), ...detail },
        clientIds: [],
        bsns: [],
      },
    ]);
  if (checked.stage !== "regels") {
    await unread(checked.type, {
      status: "ongeldig",
      fase: checked.stage,
      bevindingen: checked.issues.length,
    });
    return {
      status: "ongeldig",
      ...(checked.type ? { type: checked.type } : {}),
      reasons: checked.issues.map((i) => `${i.path}${i.line ? ` (regel ${i.line})` : ""}: ${i.reason}`),
      produced: [],
    };
  }
  const { type, bericht, findings } = checked;
  const header = bericht.Header as {
    Afzender: string;
    Ontvanger: string;
    BerichtIdentificatie: { Identificatie: string; Dagtekening: string };
  };
  const identificatie = header.BerichtIdentificatie.Identificatie;
  if (!INCOMING_AT_MUNICIPALITY.has(type)) {
    await unread(type, { identificatie, status: "niet-voor-gemeente", afzender: header.Afzender });
    return {
      status: "niet-voor-gemeente",
      type,
      identificatie,
      reasons: [`een gemeente ontvangt geen ${type}`],
      produced: [],
    };
  }
  const parties = partiesOf(type, header);
  const xml = new TextDecoder().decode(bytes);
  const received = (messageId: string | null, status: ImportStatus, clientId?: string): MessageAudit => ({
    action: "bericht-in",
    messageId,
    purpose: purposeOf(type),
    outcome: status === "verwerkt" ? "ok" : "geweigerd",
    detail: { type, identificatie, status, afzender: parties.agb },
    clientIds: [clientId],
    bsns: bsnsOf(bericht),
  });
  return store.db.transaction().execute(async (tx) => {
    const outgoing = collectAudit(tx);
    // What an import sends answers the message in, so it concerns the same clients, also when it names
    // none itself (a retour or a JW325 without remarks).
    const audit = (incoming: MessageAudit) => {
      for (const o of outgoing) o.bsns.push(...incoming.bsns);
      return writeMessageAudit(tx, store, ctx, [incoming, ...outgoing]);
    };
    const messageId = randomUUID();
    const inserted = await tx
      .insertInto("ijw_message")
      .values({
        id: messageId,
        direction: "in",
        type,
        sender: header.Afzender,
        receiver: header.Ontvanger,
        identificatie,
        dagtekening: header.BerichtIdentificatie.Dagtekening,
        content_hash: sha256(bytes),
        body_cipher: store.vault.encrypt(xml),
        municipality: parties.gemeente,
        provider_agb: parties.agb,
        subject_hmac: subjectOf(store, bericht),
        status: "ontvangen",
        summary: "",
      })
      .onConflict((oc) => oc.constraint("ijw_message_identity").doNothing())
      .returning("id")
      .executeTakeFirst();
    const meta = { municipality: parties.gemeente, agb: parties.agb, inReplyTo: inserted?.id };
    if (!inserted) {
      const produced = isHeenType(type)
        ? [await queueRetour(tx, store, type, bericht as never, [], ctx, meta, [DUPLICATE_IDENTIFICATIE])]
        : [];
      // The duplicate is not kept: its record points at the message it repeats.
      const first = await tx
        .selectFrom("ijw_message")
        .select("id")
        .where("direction", "=", "in")
        .where("type", "=", type)
        .where("sender", "=", header.Afzender)
        .where("identificatie", "=", identificatie)
        .executeTakeFirst();
      await audit(received(first?.id ?? null, "dubbel"));
      return {
        status: "dubbel" as const,
        type,
        identificatie,
        reasons: [
          `${type} ${identificatie} van ${header.Afzender} is al ontvangen (retourcode ${DUPLICATE_IDENTIFICATIE}); er is niets veranderd`,
        ],
        produced,
      };
    }
    // A JW323 has no retour: its handler weighs the in-message findings itself and always answers (JW325).
    const answersFindings = type === "JW323";
    const outcome =
      findings.length > 0 && !answersFindings
        ? undefined
        : await handle(tx, store, type, bericht, messageId, parties, ctx, findings);
    const all = answersFindings ? (outcome?.findings ?? []) : [...findings, ...(outcome?.findings ?? [])];
    const status: ImportStatus = all.length > 0 ? "afgekeurd" : "verwerkt";
    const produced: Outgoing[] = [];
    if (isHeenType(type))
      produced.push(
        await queueRetour(tx, store, type, bericht as never, all, ctx, {
          ...meta,
          clientId: outcome?.clientId,
        }),
      );
    if ((all.length === 0 || answersFindings) && outcome)
      for (const make of outcome.then) produced.push(await make());
    const reasons =
      all.length > 0
        ? all.map((f) => `${f.rule} (retourcode ${f.retourcode}) ${f.path}: ${f.text}`)
        : (outcome?.done ?? []);
    await tx
      .updateTable("ijw_message")
      .set({ status, summary: reasons.join("; ").slice(0, 2000), client_id: outcome?.clientId ?? null })
      .where("id", "=", messageId)
      .execute();
    await audit(received(messageId, status, outcome?.clientId));
    return { status, type, identificatie, reasons, produced };
  });
}

export interface Handled {
  /** Findings of the rules across messages (level 3); when there are any, nothing may have been written. */
  findings: RuleFinding[];
  clientId?: string;
  done: string[];
  /** Outgoing messages besides the retour, made after it so the retour is first in the outbox. */
  then: (() => Promise<Outgoing>)[];
}

async function handle(
  tx: Tx,
  store: Store,
  type: MessageType,
  bericht: Berichten[MessageType],
  messageId: string,
  parties: Parties,
  ctx: ExchangeContext,
  findings: RuleFinding[] = [],
): Promise<Handled> {
  switch (type) {
    case "JW323":
      return handleDeclaration(tx, store, bericht as Berichten["JW323"], messageId, parties, ctx, findings);
    case "JW305":
      return handleStart(tx, store, bericht as Berichten["JW305"], messageId, parties, ctx);
    case "JW307":
      return handleStop(tx, store, bericht as Berichten["JW307"], messageId, parties, ctx);
    case "JW315":
      return handleVot(tx, store, bericht as Berichten["JW315"], messageId, parties, ctx);
    case "JW317":
      return handleVow(tx, store, bericht as Berichten["JW317"], messageId, parties, ctx);
    case "JW302":
    case "JW320":
      return handleRetour(tx, type, bericht as Berichten["JW302"] | Berichten["JW320"], parties, ctx.today);
    default:
      // importMessage passes only the types in INCOMING_AT_MUNICIPALITY, each handled above.
      throw new Error(`geen verwerking voor ${type}`);
  }
}

/** A retour on something the municipality sent: the outgoing message is marked accepted or refused. */
async function handleRetour(
  tx: Tx,
  type: "JW302" | "JW320",
  retour: Berichten["JW302"] | Berichten["JW320"],
  parties: Parties,
  today: IsoDate,
): Promise<Handled> {
  const original = type === "JW302" ? "JW301" : "JW319";
  const id = retour.Header.BerichtIdentificatie.Identificatie;
  const codes = collectCodes(retour);
  const status = codes.every((c) => c === "0200") ? "bevestigd" : "afgekeurd-door-ontvanger";
  const updated = await tx
    .updateTable("ijw_message")
    .set({ status, retour_on: today })
    .where("direction", "=", "uit")
    .where("type", "=", original)
    .where("sender", "=", parties.gemeente)
    .where("identificatie", "=", id)
    // The client of the message answered: a retour without remarks names none itself.
    .returning("client_id")
    .executeTakeFirst();
  if (!updated) {
    return {
      findings: [],
      done: [
        `${type} verwijst naar ${original} ${id}, dat niet door deze gemeente is verzonden; bewaard zonder gevolg`,
      ],
      then: [],
    };
  }
  return {
    findings: [],
    ...(updated.client_id ? { clientId: updated.client_id } : {}),
    done: [
      `${original} ${id}: ${status === "bevestigd" ? "ontvangst bevestigd" : `afgekeurd (${codes.join(", ")})`}`,
    ],
    then: [],
  };
}

function collectCodes(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectCodes(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "RetourCodes") out.push(...((v as { RetourCode: string[] }).RetourCode ?? []));
      else collectCodes(v, out);
    }
  }
  return out;
}

interface Personal {
  personalia: ClientPersonalia;
}

async function personaliaOf(tx: Tx, store: Store, clientId: string): Promise<ClientPersonalia | undefined> {
  const row = await tx
    .selectFrom("client")
    .select("personal_cipher")
    .where("id", "=", clientId)
    .executeTakeFirst();
  return row?.personal_cipher
    ? (JSON.parse(store.vault.decrypt(row.personal_cipher)) as Personal).personalia
    : undefined;
}

const amsterdamParts = (d: Date) => {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}:${get("second")}`,
  };
};

/** The iJw allocation number of a registry allocation number (T1000001 ⇒ 1000001). */
export const toewijzingNummer = (number: string) => Number(number.replace(/^T/, ""));

/**
 * What the registry already says about the child's care in a region: the decision (beschikking) valid on
 * the date, or else the latest advice (referral). Nothing when the registry knows neither.
 */
async function indicatedSegments(
  tx: Tx,
  clientId: string,
  regionId: string,
  date: IsoDate,
): Promise<{ indicated?: { segments: string[]; source: string } }> {
  const decision = await tx
    .selectFrom("decision")
    .innerJoin("referral", "referral.id", "decision.referral_id")
    .select(["decision.segments", "decision.decided_on"])
    .where("decision.client_id", "=", clientId)
    .where("referral.region_id", "=", regionId)
    .where("decision.valid_from", "<=", date)
    .where((eb) => eb.or([eb("decision.valid_to", "is", null), eb("decision.valid_to", ">=", date)]))
    .orderBy("decision.decided_on", "desc")
    .executeTakeFirst();
  if (decision)
    return {
      indicated: {
        segments: decision.segments.split(","),
        source: `de beschikking van ${decision.decided_on}`,
      },
    };
  const referral = await tx
    .selectFrom("referral")
    .select(["segments", "request_date"])
    .where("client_id", "=", clientId)
    .where("region_id", "=", regionId)
    .orderBy("request_date", "desc")
    .executeTakeFirst();
  return referral && referral.segments !== ""
    ? {
        indicated: {
          segments: referral.segments.split(","),
          source: `het advies van ${referral.request_date}`,
        },
      }
    : {};
}

/**
 * A client's allocations that iJw messages between this municipality and this provider are about: not
 * task-based, with an iJw product.
 */
export function ijwAllocationsOf(tx: Tx, clientId: string, parties: Parties) {
  return tx
    .selectFrom("allocation")
    .where("client_id", "=", clientId)
    .where("provider_agb", "=", parties.agb)
    .where("municipality", "=", parties.gemeente)
    .where("task_based", "=", false)
    .where("ijw_category", "is not", null);
}

export const IJW_ALLOCATION_COLUMNS = [
  "id",
  "number",
  "ijw_category",
  "ijw_code",
  "start_date",
  "end_date",
  "volume",
  "unit",
  "frequency",
  "budget",
] as const;

/** TR347: a provider's reference is unique per provider (and domain), over VOTs and VOWs alike. */
export async function referencesUsedBefore(
  tx: Tx,
  agb: string,
  references: { referentie: string; path: string }[],
): Promise<RuleFinding[]> {
  if (references.length === 0) return [];
  const known = await tx
    .selectFrom("ijw_request")
    .select("referentie")
    .where("provider_agb", "=", agb)
    .where(
      "referentie",
      "in",
      references.map((r) => r.referentie),
    )
    .execute();
  return references
    .filter((r) => known.some((k) => k.referentie === r.referentie))
    .map((r) => ({
      rule: "TR347",
      retourcode: "9347",
      path: r.path,
      text: "ReferentieAanbieder is al eerder gebruikt door deze aanbieder.",
    }));
}

/**
 * OP350/TR374: one open request per client and provider at a time. The caller locks the client row
 * first, so two requests for the same client cannot both pass.
 */
export async function openRequestOf(tx: Tx, clientId: string, agb: string): Promise<RuleFinding[]> {
  const open = await tx
    .selectFrom("ijw_request")
    .select("referentie")
    .where("client_id", "=", clientId)
    .where("provider_agb", "=", agb)
    .where("status", "in", ["open", "in_onderzoek"])
    .executeTakeFirst();
  return open
    ? [
        {
          rule: "TR374",
          retourcode: "9374",
          path: "Client",
          text: `Er loopt al een verzoek van deze aanbieder voor deze cliënt (referentie ${open.referentie}).`,
        },
      ]
    : [];
}

/**
 * JW301 as a snapshot (OP087): all of the client's allocations with this provider that run on or after
 * today, with the provider's reference on those that answer a request now. `changed` holds the
 * allocations changed now, with their RedenWijziging: they are in the snapshot even when they ended
 * before today, and carry a new Toewijzingsdatum/-tijd (IV013: the newest is the current one).
 */
export async function queueAllocationSnapshot(
  tx: Tx,
  store: Store,
  clientId: string,
  parties: Parties,
  ctx: ExchangeContext,
  honoured: Map<string, string>,
  bsn: string,
  changed: Map<string, NonNullable<AllocationForMessage["redenWijziging"]>> = new Map(),
): Promise<Outgoing> {
  const rows = await ijwAllocationsOf(tx, clientId, parties)
    .select([...IJW_ALLOCATION_COLUMNS, "created_at"])
    .where((eb) =>
      eb.or([
        eb("end_date", "is", null),
        eb("end_date", ">=", ctx.today),
        ...(changed.size > 0 ? [eb("id", "in", [...changed.keys()])] : []),
      ]),
    )
    .orderBy("number")
    .execute();
  const now = new Date();
  const allocations: AllocationForMessage[] = rows.map((r) => {
    // Generated<Timestamp> nests two ColumnTypes, so Kysely types the selected value as the wrapper.
    const at = amsterdamParts(changed.has(r.id) ? now : new Date(r.created_at as unknown as Date | string));
    return {
      nummer: toewijzingNummer(r.number),
      category: r.ijw_category!,
      ...(r.ijw_code ? { code: r.ijw_code } : {}),
      ...(honoured.has(r.id) ? { referentie: honoured.get(r.id)! } : {}),
      toewijzingsdatum: at.date,
      toewijzingstijd: at.time,
      ingangsdatum: r.start_date,
      ...(r.end_date ? { einddatum: r.end_date } : {}),
      ...(changed.has(r.id) ? { redenWijziging: changed.get(r.id)! } : {}),
      ...(r.volume !== null && r.unit && r.frequency
        ? { omvang: { volume: r.volume, unit: r.unit, frequency: r.frequency } }
        : {}),
      ...(r.budget !== null ? { budget: Number(r.budget) } : {}),
    };
  });
  const personalia = await personaliaOf(tx, store, clientId);
  if (!personalia) throw new Error("geen persoonsgegevens van de cliënt voor een toewijzingsbericht");
  const bericht = buildJw301(
    parties,
    { identificatie: await nextIdentificatie(tx), dagtekening: ctx.today },
    bsn,
    personalia,
    allocations,
  );
  return queue(tx, store, "JW301", bericht, {
    municipality: parties.gemeente,
    agb: parties.agb,
    clientId,
    summary: `toewijzing ${allocations.map((a) => a.nummer).join(", ")}`,
  });
}

async function handleVot(
  tx: Tx,
  store: Store,
  vot: Berichten["JW315"],
  messageId: string,
  parties: Parties,
  ctx: ExchangeContext,
): Promise<Handled> {
  const products = vot.Client.AangevraagdeProducten.AangevraagdProduct;
  const path = (i: number) => `Client/AangevraagdeProducten/AangevraagdProduct[${i + 1}]`;
  const findings: RuleFinding[] = [];
  findings.push(
    ...(await referencesUsedBefore(
      tx,
      parties.agb,
      products.map((p, i) => ({ referentie: p.ReferentieAanbieder, path: path(i) })),
    )),
  );
  const existingClient = await tx
    .selectFrom("client")
    .select(["id", "municipality"])
    .where("bsn_hmac", "=", store.vault.lookupHash(vot.Client.Bsn))
    .forUpdate()
    .executeTakeFirst();
  if (existingClient) findings.push(...(await openRequestOf(tx, existingClient.id, parties.agb)));
  if (findings.length > 0) return { findings, done: [], then: [] };

  const client = await registerClientIn(tx, store.vault, {
    bsn: vot.Client.Bsn,
    municipality: parties.gemeente,
    birthDate: vot.Client.Geboortedatum.Datum,
  });
  if (!(await personaliaOf(tx, store, client.id))) {
    const personal: Personal = {
      personalia: {
        geboortedatum: vot.Client.Geboortedatum,
        geslacht: vot.Client.Geslacht,
        naam: fullName(vot.Client.Naam),
      },
    };
    await tx
      .updateTable("client")
      .set({ personal_cipher: store.vault.encrypt(JSON.stringify(personal)) })
      .where("id", "=", client.id)
      .execute();
  }
  const answerDue = addWorkingDays(ctx.today, 5);
  const done: string[] = [];
  const honoured = new Map<string, string>();
  const answers: { referentie: string; answer: Exclude<VotAnswer, { kind: "toewijzen" }> }[] = [];
  for (const p of products) {
    const region = ctx.regionFor(parties.gemeente, p.ToewijzingIngangsdatum);
    const contracts = region
      ? await tx
          .selectFrom("contract")
          .select(["segment", "product", "ijw_category", "ijw_code", "valid_from", "valid_to"])
          .where("provider_agb", "=", parties.agb)
          .where("region_id", "=", region.model.info.id)
          .execute()
      : [];
    let answer = answerRequestedProduct(
      {
        ...(p.Product
          ? { category: p.Product.Categorie, ...(p.Product.Code ? { code: p.Product.Code } : {}) }
          : {}),
        startDate: p.ToewijzingIngangsdatum,
        ...(p.ToewijzingEinddatum ? { endDate: p.ToewijzingEinddatum } : {}),
        referrerType: p.Verwijzer.Type,
        hasDecision: p.BeschikkingNummer !== undefined,
      },
      {
        municipality: parties.gemeente,
        ...(client.municipality !== parties.gemeente ? { clientMunicipality: client.municipality } : {}),
        ...(region ? { model: region.model } : {}),
        ...(region
          ? await indicatedSegments(tx, client.id, region.model.info.id, p.ToewijzingIngangsdatum)
          : {}),
        contracts: contracts.map((c) => ({
          segment: c.segment,
          product: c.product,
          ijwCategory: c.ijw_category,
          ijwCode: c.ijw_code,
          validFrom: c.valid_from,
          validTo: c.valid_to,
        })),
      },
    );
    const requestId = randomUUID();
    let allocationId: string | null = null;
    if (answer.kind === "toewijzen" && region) {
      try {
        const created = await createAllocationIn(tx, region, {
          municipality: parties.gemeente,
          segment: answer.segment,
          product: answer.product,
          providerAgb: parties.agb,
          startDate: p.ToewijzingIngangsdatum,
          ...(p.ToewijzingEinddatum ? { endDate: p.ToewijzingEinddatum } : {}),
          clientId: client.id,
          ...(p.Omvang
            ? { volume: p.Omvang.Volume, unit: p.Omvang.Eenheid, frequency: p.Omvang.Frequentie }
            : {}),
          ...(p.Budget !== undefined ? { budget: p.Budget } : {}),
          ijw: {
            category: p.Product!.Categorie,
            ...(p.Product!.Code ? { code: p.Product!.Code } : {}),
            referentie: p.ReferentieAanbieder,
          },
          idempotencyKey: `ijw:${parties.agb}:${p.ReferentieAanbieder}`,
        });
        allocationId = created.allocation.id;
        honoured.set(created.allocation.id, p.ReferentieAanbieder);
        done.push(
          `${p.ReferentieAanbieder}: toegewezen als ${created.allocation.number} (${answer.because})`,
        );
      } catch (e) {
        if (!(e instanceof RegistryError)) throw e;
        const first = e.problems[0]!;
        const reden = refusalForRegistryRule(first.rule);
        const because = `${first.field}: ${first.reason}`;
        answer = reden ? { kind: "afwijzen", reden, because } : { kind: "onderzoek", because };
      }
    }
    if (answer.kind !== "toewijzen") {
      done.push(
        `${p.ReferentieAanbieder}: ${answer.kind === "afwijzen" ? `afgewezen, reden ${answer.reden}` : "in onderzoek"} (${answer.because})`,
      );
      answers.push({ referentie: p.ReferentieAanbieder, answer });
    }
    await tx
      .insertInto("ijw_request")
      .values({
        id: requestId,
        message_id: messageId,
        kind: "vot",
        municipality: parties.gemeente,
        provider_agb: parties.agb,
        client_id: client.id,
        referentie: p.ReferentieAanbieder,
        product_category: p.Product?.Categorie ?? null,
        product_code: p.Product?.Code ?? null,
        start_date: p.ToewijzingIngangsdatum,
        end_date: p.ToewijzingEinddatum ?? null,
        volume: p.Omvang?.Volume ?? null,
        unit: p.Omvang?.Eenheid ?? null,
        frequency: p.Omvang?.Frequentie ?? null,
        budget: p.Budget ?? null,
        referrer_type: p.Verwijzer.Type,
        status:
          answer.kind === "toewijzen"
            ? "toegewezen"
            : answer.kind === "afwijzen"
              ? "afgewezen"
              : "in_onderzoek",
        received_on: ctx.today,
        answer_due: answerDue,
        research_due:
          answer.kind === "onderzoek" ? format(addWeeks(parseISO(ctx.today), 8), "yyyy-MM-dd") : null,
        reason: answer.because,
        allocation_id: allocationId,
        answered_on: ctx.today,
      })
      .execute();
  }
  const then: (() => Promise<Outgoing>)[] = answers.map(
    ({ referentie, answer }) =>
      () =>
        queueAnswer(tx, store, parties, ctx, client.id, referentie, answer),
  );
  if (honoured.size > 0)
    then.unshift(() => queueAllocationSnapshot(tx, store, client.id, parties, ctx, honoured, vot.Client.Bsn));
  return { findings: [], clientId: client.id, done, then };
}

/**
 * JW319 for one request: refused (VerzoekAntwoord 1 with its reason, and the responsible municipality
 * for reason 8) or under investigation (2).
 */
export async function queueAnswer(
  tx: Tx,
  store: Store,
  parties: Parties,
  ctx: ExchangeContext,
  clientId: string,
  referentie: string,
  answer: { kind: "afwijzen"; reden: string; gemeente?: string } | { kind: "onderzoek" },
): Promise<Outgoing> {
  const refused = answer.kind === "afwijzen";
  return queue(
    tx,
    store,
    "JW319",
    buildJw319(
      parties,
      { identificatie: await nextIdentificatie(tx), dagtekening: ctx.today },
      {
        referentie,
        antwoord: refused ? "1" : "2",
        ...(refused
          ? { reden: answer.reden, ...(answer.gemeente ? { gemeente: answer.gemeente } : {}) }
          : {}),
      },
    ),
    {
      municipality: parties.gemeente,
      agb: parties.agb,
      clientId,
      summary: `${referentie}: ${refused ? `afgewezen (reden ${answer.reden})` : "in onderzoek"}`,
    },
  );
}

export type RequestDecision =
  | { kind: "toewijzen"; segment?: string; product?: string }
  | { kind: "afwijzen"; reden: string; gemeente?: string };

/**
 * A person's answer to a request that is under investigation (VerzoekAntwoord 2): allocate (JW301) or
 * refuse (JW319 with a reason). Only a request in investigation can get a second answer (TR365).
 */
export async function answerRequest(
  store: Store,
  input: { agb: string; referentie: string; decision: RequestDecision },
  ctx: ExchangeContext,
): Promise<ImportOutcome> {
  return store.db.transaction().execute(async (tx) => {
    const outgoing = collectAudit(tx);
    const req = await tx
      .selectFrom("ijw_request")
      .selectAll()
      .where("provider_agb", "=", input.agb)
      .where("referentie", "=", input.referentie)
      .forUpdate()
      .executeTakeFirst();
    if (!req)
      throw new RegistryError([
        {
          field: "referentie",
          value: input.referentie,
          reason: "geen verzoek met deze referentie van deze aanbieder",
          rule: "verzoek-bestaat",
        },
      ]);
    if (req.status !== "in_onderzoek")
      throw new RegistryError([
        {
          field: "referentie",
          value: input.referentie,
          reason: `dit verzoek is al beantwoord (${req.status}); alleen een verzoek in onderzoek krijgt een tweede antwoord`,
          rule: "antwoord-na-onderzoek",
        },
      ]);
    const parties = { gemeente: req.municipality, agb: req.provider_agb };
    const d = input.decision;
    if (d.kind === "afwijzen") {
      const out = await queueAnswer(tx, store, parties, ctx, req.client_id, req.referentie, {
        kind: "afwijzen",
        reden: d.reden,
        ...(d.gemeente ? { gemeente: d.gemeente } : {}),
      });
      await tx
        .updateTable("ijw_request")
        .set({
          status: "afgewezen",
          reason: `afgewezen na onderzoek, reden ${d.reden}`,
          answered_on: ctx.today,
        })
        .where("id", "=", req.id)
        .execute();
      await writeMessageAudit(tx, store, ctx, outgoing);
      return {
        status: "verwerkt",
        reasons: [`${req.referentie}: afgewezen, reden ${d.reden}`],
        produced: [out],
      };
    }
    // A VOW is a whole desired situation: a person carries it out in the registry, this answers one product.
    if (req.kind === "vow")
      throw new RegistryError([
        {
          field: "referentie",
          value: input.referentie,
          reason:
            "een verzoek om wijziging in onderzoek kan hier alleen worden afgewezen; wijzig de toewijzingen in het register",
          rule: "antwoord-vow",
        },
      ]);
    const region = ctx.regionFor(req.municipality, req.start_date);
    if (!region)
      throw new RegistryError([
        {
          field: "municipality",
          value: req.municipality,
          reason: "hoort op de ingangsdatum bij geen regio",
          rule: "gemeente-in-regio",
        },
      ]);
    let segment = d.segment;
    let product = d.product;
    if (!segment || !product) {
      const contracts = await tx
        .selectFrom("contract")
        .select(["segment", "product", "ijw_category", "ijw_code", "valid_from", "valid_to"])
        .where("provider_agb", "=", req.provider_agb)
        .where("region_id", "=", region.model.info.id)
        .execute();
      const match = contracts.find(
        (c) =>
          c.product !== null &&
          c.ijw_category === req.product_category &&
          c.ijw_code === req.product_code &&
          c.valid_from <= req.start_date &&
          (c.valid_to === null || c.valid_to >= req.start_date),
      );
      if (!match)
        throw new RegistryError([
          {
            field: "product",
            value: `${req.product_category ?? "generiek"}${req.product_code ? `/${req.product_code}` : ""}`,
            reason: "geen contract van deze aanbieder voor dit product; geef segment en product op",
            rule: "aanbieder-gecontracteerd",
          },
        ]);
      segment = match.segment;
      product = match.product!;
    }
    if (!req.product_category)
      throw new RegistryError([
        {
          field: "product",
          value: "generiek",
          reason: "een generieke toewijzing via iJw kan hier nog niet",
          rule: "product-bekend",
        },
      ]);
    const created = await createAllocationIn(tx, region, {
      municipality: req.municipality,
      segment,
      product,
      providerAgb: req.provider_agb,
      startDate: req.start_date,
      ...(req.end_date ? { endDate: req.end_date } : {}),
      clientId: req.client_id,
      ...(req.volume !== null && req.unit && req.frequency
        ? { volume: req.volume, unit: req.unit, frequency: req.frequency }
        : {}),
      ...(req.budget !== null ? { budget: req.budget } : {}),
      ijw: {
        category: req.product_category,
        ...(req.product_code ? { code: req.product_code } : {}),
        referentie: req.referentie,
      },
      idempotencyKey: `ijw:${req.provider_agb}:${req.referentie}`,
    });
    await tx
      .updateTable("ijw_request")
      .set({
        status: "toegewezen",
        allocation_id: created.allocation.id,
        reason: "toegewezen na onderzoek",
        answered_on: ctx.today,
      })
      .where("id", "=", req.id)
      .execute();
    const client = await tx
      .selectFrom("client")
      .select("bsn_cipher")
      .where("id", "=", req.client_id)
      .executeTakeFirstOrThrow();
    const out = await queueAllocationSnapshot(
      tx,
      store,
      req.client_id,
      parties,
      ctx,
      new Map([[created.allocation.id, req.referentie]]),
      // The request named the child by BSN and was linked to this client by it: the BSN is there.
      store.vault.decrypt(client.bsn_cipher!),
    );
    await writeMessageAudit(tx, store, ctx, outgoing);
    return {
      status: "verwerkt",
      reasons: [`${req.referentie}: toegewezen als ${created.allocation.number}`],
      produced: [out],
    };
  });
}

/**
 * The deadlines of the iJw standard the registry keeps: each request is answered within 5 working days,
 * one "in onderzoek" gets its final answer within 8 weeks, and each message the municipality sent gets
 * its retour within 3 working days.
 */
export async function ijwDeadlines(store: Store): Promise<Deadline[]> {
  const out: Deadline[] = [];
  const requests = await store.db.selectFrom("ijw_request").selectAll().execute();
  for (const r of requests) {
    const subjectId = `${r.provider_agb}/${r.referentie}`;
    out.push(
      deadlineFor("antwoord-verzoek", {
        subjectId,
        municipality: r.municipality,
        from: r.received_on,
        ...(r.answered_on ? { doneOn: r.answered_on } : {}),
      }),
    );
    if (r.research_due) {
      const final = r.status === "in_onderzoek" ? undefined : r.answered_on;
      const d = deadlineFor("besluit-na-onderzoek", {
        subjectId,
        municipality: r.municipality,
        from: r.received_on,
        ...(final ? { doneOn: final } : {}),
      });
      out.push(d);
    }
  }
  const sent = await store.db
    .selectFrom("ijw_message")
    .select(["type", "identificatie", "municipality", "dagtekening", "retour_on"])
    .where("direction", "=", "uit")
    .where("type", "in", ["JW301", "JW319"])
    .execute();
  for (const m of sent) {
    out.push(
      deadlineFor("retour-ontvangen", {
        subjectId: `${m.type} ${m.identificatie}`,
        municipality: m.municipality,
        from: m.dagtekening,
        ...(m.retour_on ? { doneOn: m.retour_on } : {}),
      }),
    );
  }
  return out;
}

/** Messages in the outbox that have not been exported yet, decrypted, oldest first. */
export async function pendingOutgoing(
  store: Store,
): Promise<{ id: string; type: MessageType; identificatie: string; xml: string }[]> {
  const rows = await store.db
    .selectFrom("ijw_message")
    .select(["id", "type", "identificatie", "body_cipher"])
    .where("direction", "=", "uit")
    .where("exported_at", "is", null)
    .orderBy("created_at")
    .orderBy("identificatie")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type as MessageType,
    identificatie: r.identificatie,
    xml: store.vault.decrypt(r.body_cipher),
  }));
}

export async function markExported(
  store: Store,
  ids: string[],
  who: Pick<ExchangeContext, "actor" | "traceId"> = {},
): Promise<void> {
  if (ids.length === 0) return;
  await store.db.transaction().execute(async (tx) => {
    const rows = await tx
      .updateTable("ijw_message")
      .set({ exported_at: new Date() })
      .where("id", "in", ids)
      .returning(["id", "type", "identificatie", "provider_agb", "client_id", "body_cipher"])
      .execute();
    await writeMessageAudit(
      tx,
      store,
      who,
      rows.map((r) => ({
        action: "exporteren",
        messageId: r.id,
        purpose: purposeOf(r.type),
        outcome: "ok",
        detail: { type: r.type, identificatie: r.identificatie, ontvanger: r.provider_agb },
        clientIds: [r.client_id],
        bsns: bsnsInOwnXml(store.vault.decrypt(r.body_cipher)),
      })),
    );
  });
}
