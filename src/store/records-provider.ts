import { randomBytes } from "node:crypto";
import type { IsoDate } from "../domain/dates.ts";
import type { ClientPersonalia } from "../ijw/build.ts";
import { writeMessage } from "../ijw/codec.ts";
import {
  buildDeliveryReport,
  type DeliveryReport,
  type ReportRefusal,
  refusalsOf,
  STOP_REASONS,
} from "../ijw/delivery-report.ts";
import type { LDT_RedenBeeindiging } from "../ijw/messages.generated.ts";
import { messageFilter } from "./access.ts";
import { type ExchangeContext, importMessage, toewijzingNummer } from "./ijw.ts";
import { AccessDenied, type AccessContext, audit, missed, need, scopedAllocations } from "./records.ts";

/**
 * The provider's view of its own work (issue 7 item 4), through the same filters and audit as the rest
 * of the data layer (records.ts): the starts and stops reported for an allocation, reporting a start or
 * stop, and its requests (JW315/JW317) with the retour and the answers they got.
 *
 * A start or stop from the web app is an iJw message like any other: the data layer builds the JW305 or
 * JW307 a provider's own system would send (src/ijw/delivery-report.ts) from the allocation and the
 * client's data the registry keeps, and imports it with importMessage, as POST /ijw/berichten does after
 * its check that the message is the provider's own. So the same message rules, rules across messages and
 * retour codes apply, the message and its retour are kept and can be downloaded, and the deadlines see the
 * report. The BSN never leaves the server for this.
 */

export interface DeliveryReportView {
  kind: "start" | "stop";
  beginDate: IsoDate;
  endDate: IsoDate | null;
  reason: string | null;
  reasonText: string | null;
  reportedOn: IsoDate;
}

const reasonText = (reason: string | null): string | null =>
  reason === null ? null : (STOP_REASONS[reason as LDT_RedenBeeindiging] ?? reason);

/** Starts and stops (not withdrawn) of one allocation in the actor's reach; undefined when out of reach. */
export async function deliveryReportsAs(
  ctx: AccessContext,
  number: string,
): Promise<DeliveryReportView[] | undefined> {
  await need(ctx, "toewijzing.lezen", "toewijzing", "toewijzing");
  const [allocation] = (await scopedAllocations(ctx, { number })).rows;
  if (!allocation) {
    await missed(ctx, "lezen", "levering", "toewijzing", number);
    return undefined;
  }
  const rows = await ctx.store.db
    .selectFrom("delivery_report")
    .select(["kind", "begin_date", "end_date", "reason", "reported_on"])
    .where("allocation_id", "=", allocation.id)
    .where("withdrawn_on", "is", null)
    .orderBy("begin_date")
    .orderBy("created_at")
    .execute();
  await audit(ctx, "lezen", "levering", "toewijzing", [allocation.clientId], {
    resourceId: allocation.number,
    detail: { aantal: rows.length },
  });
  return rows.map((r) => ({
    kind: r.kind,
    beginDate: r.begin_date,
    endDate: r.end_date,
    reason: r.reason,
    reasonText: reasonText(r.reason),
    reportedOn: r.reported_on,
  }));
}

export type ReportOutcome =
  | {
      status: "verwerkt";
      message: { type: string; identificatie: string };
      retour?: { type: string; identificatie: string };
    }
  | {
      status: "afgekeurd";
      message: { type: string; identificatie: string };
      retour?: { type: string; identificatie: string };
      refusals: ReportRefusal[];
    };

/** A fresh Identificatie for the provider's message (at most 12 characters, unique per sender and type). */
const newIdentificatie = () =>
  `WW${randomBytes(8).readBigUInt64BE().toString(36).toUpperCase().slice(0, 10)}`;

/**
 * Report a start or a stop for an allocation to the provider (role aanbieder only: the municipality
 * records starts and stops in the registry itself). Undefined when the allocation is out of reach; a
 * refusal by the iJw rules comes back with the rule, the retour code and the field it is about.
 */
export async function reportDeliveryAs(
  ctx: AccessContext,
  number: string,
  report: DeliveryReport,
  exchange: ExchangeContext,
): Promise<ReportOutcome | undefined> {
  await need(ctx, "ijw.uploaden", "ijw-bericht", "berichtenverkeer");
  if (ctx.actor.role !== "aanbieder" || !ctx.actor.providerAgb) {
    await audit(
      ctx,
      "bericht-in",
      "ijw-bericht",
      "berichtenverkeer",
      [null],
      { detail: { melding: report.kind } },
      "geweigerd",
    );
    throw new AccessDenied(ctx.actor, "ijw.uploaden");
  }
  const [allocation] = (await scopedAllocations(ctx, { number })).rows;
  if (!allocation) {
    await missed(ctx, "bericht-in", "ijw-bericht", "berichtenverkeer", number);
    return undefined;
  }
  const { db, vault } = ctx.store;
  const row = await db
    .selectFrom("allocation")
    .innerJoin("client", "client.id", "allocation.client_id")
    .select(["allocation.ijw_category", "allocation.ijw_code", "client.bsn_cipher", "client.personal_cipher"])
    .where("allocation.id", "=", allocation.id)
    .executeTakeFirstOrThrow();
  if (row.bsn_cipher === null || row.personal_cipher === null) {
    // A client registered without a BSN or personal data cannot be named in an iJw message.
    await audit(
      ctx,
      "bericht-in",
      "ijw-bericht",
      "berichtenverkeer",
      [allocation.clientId],
      { resourceId: allocation.number, detail: { melding: report.kind, reden: "geen cliëntgegevens" } },
      "geweigerd",
    );
    return {
      status: "afgekeurd",
      message: { type: report.kind === "start" ? "JW305" : "JW307", identificatie: "" },
      refusals: [
        {
          field: "toewijzing",
          rule: "client-gegevens",
          retourcode: "",
          text: "Het register heeft geen BSN of naam van deze cliënt, dus er kan geen iJw-bericht gemaakt worden. Neem contact op met de gemeente.",
        },
      ],
    };
  }
  const personalia = (JSON.parse(vault.decrypt(row.personal_cipher)) as { personalia: ClientPersonalia })
    .personalia;
  const identificatie = newIdentificatie();
  const built = buildDeliveryReport(
    { gemeente: allocation.municipality, agb: ctx.actor.providerAgb },
    { identificatie, dagtekening: exchange.today },
    { bsn: vault.decrypt(row.bsn_cipher), personalia },
    { toewijzingNummer: toewijzingNummer(allocation.number), category: row.ijw_category, code: row.ijw_code },
    report,
  );
  const xml =
    built.type === "JW305" ? writeMessage("JW305", built.bericht) : writeMessage("JW307", built.bericht);
  const outcome = await importMessage(ctx.store, new TextEncoder().encode(xml), {
    ...exchange,
    actor: ctx.actor,
    ...(ctx.traceId ? { traceId: ctx.traceId } : {}),
  });
  const message = { type: built.type, identificatie };
  const [retour] = outcome.produced;
  const withRetour = retour ? { retour: { type: retour.type, identificatie: retour.identificatie } } : {};
  if (outcome.status === "verwerkt") return { status: "verwerkt", message, ...withRetour };
  return { status: "afgekeurd", message, ...withRetour, refusals: refusalsOf(outcome.reasons) };
}

// ---------------------------------------------------------------------------------------------------
// Requests and their answers

export interface LinkedMessage {
  id: string;
  type: string;
  identificatie: string;
  dagtekening: IsoDate;
  status: string;
  summary: string;
}

export interface RequestView {
  /** The request message (JW315 or JW317). */
  request: LinkedMessage;
  /** The retour the municipality sent back (JW316, JW318). */
  retour?: LinkedMessage;
  /** The answers: JW301 (allocation) and JW319 (refused or under investigation). */
  answers: LinkedMessage[];
  /** The requested products with their state, from the registry's request rows. */
  products: {
    referentie: string;
    category: string | null;
    code: string | null;
    startDate: IsoDate;
    endDate: IsoDate | null;
    status: "open" | "in_onderzoek" | "toegewezen" | "afgewezen";
    answerDue: IsoDate;
    answeredOn: IsoDate | null;
    allocationNumber: string | null;
  }[];
}

/**
 * The actor's requests (JW315, JW317) in its message scope, each with its retour and its answers. The
 * retour names the request (in_reply_to). Answers are the municipality's JW301/JW319 for the same client
 * and provider made in the same transaction as the request was handled (the same created_at), or on the
 * day a request under investigation was answered later (the request row's answered_on); a JW319 must
 * carry the request's reference (its summary starts with it) and a JW301 the allocation it granted.
 */
export async function listRequestsAs(ctx: AccessContext): Promise<RequestView[]> {
  await need(ctx, "ijw.downloaden", "ijw-bericht", "berichtenverkeer");
  const { db } = ctx.store;
  const columns = [
    "id",
    "type",
    "identificatie",
    "dagtekening",
    "status",
    "summary",
    "client_id",
    "created_at",
    "in_reply_to",
  ] as const;
  const requests = await db
    .selectFrom("ijw_message")
    .select(columns)
    .where(messageFilter(db, ctx))
    .where("direction", "=", "in")
    .where("type", "in", ["JW315", "JW317"])
    .orderBy("created_at")
    .orderBy("identificatie")
    .execute();
  const clientIds = [...new Set(requests.map((r) => r.client_id).filter((x): x is string => x !== null))];
  const outgoing =
    requests.length === 0
      ? []
      : await db
          .selectFrom("ijw_message")
          .select(columns)
          .where(messageFilter(db, ctx))
          .where("direction", "=", "uit")
          .where((eb) =>
            eb.or([
              eb(
                "in_reply_to",
                "in",
                requests.map((r) => r.id),
              ),
              ...(clientIds.length > 0
                ? [eb.and([eb("type", "in", ["JW301", "JW319"]), eb("client_id", "in", clientIds)])]
                : []),
            ]),
          )
          .orderBy("created_at")
          .execute();
  const productRows =
    requests.length === 0
      ? []
      : await db
          .selectFrom("ijw_request")
          .leftJoin("allocation", "allocation.id", "ijw_request.allocation_id")
          .select([
            "ijw_request.message_id",
            "ijw_request.referentie",
            "ijw_request.product_category",
            "ijw_request.product_code",
            "ijw_request.start_date",
            "ijw_request.end_date",
            "ijw_request.status",
            "ijw_request.answer_due",
            "ijw_request.answered_on",
            "allocation.number",
          ])
          .where(
            "ijw_request.message_id",
            "in",
            requests.map((r) => r.id),
          )
          .orderBy("ijw_request.referentie")
          .execute();
  const view = (m: (typeof requests)[number]): LinkedMessage => ({
    id: m.id,
    type: m.type,
    identificatie: m.identificatie,
    dagtekening: m.dagtekening,
    status: m.status,
    summary: m.summary,
  });
  const time = (t: unknown) => new Date(t as string | Date).getTime();
  const result = requests.map((request): RequestView => {
    const products = productRows
      .filter((p) => p.message_id === request.id)
      .map((p) => ({
        referentie: p.referentie,
        category: p.product_category,
        code: p.product_code,
        startDate: p.start_date,
        endDate: p.end_date,
        status: p.status,
        answerDue: p.answer_due,
        answeredOn: p.answered_on,
        allocationNumber: p.number,
      }));
    const retour = outgoing.find((o) => o.in_reply_to === request.id);
    const answers = outgoing.filter((o) => {
      if (o.client_id !== request.client_id || !["JW301", "JW319"].includes(o.type)) return false;
      const when =
        time(o.created_at) === time(request.created_at) ||
        (time(o.created_at) > time(request.created_at) &&
          products.some((p) => p.answeredOn !== null && p.answeredOn === o.dagtekening));
      if (!when) return false;
      if (o.type === "JW319") return products.some((p) => o.summary.startsWith(`${p.referentie}:`));
      return products.some(
        (p) =>
          p.allocationNumber !== null &&
          new RegExp(`\\b${toewijzingNummer(p.allocationNumber)}\\b`).test(o.summary),
      );
    });
    return {
      request: view(request),
      ...(retour ? { retour: view(retour) } : {}),
      answers: answers.map(view),
      products,
    };
  });
  await audit(
    ctx,
    "lezen",
    "ijw-bericht",
    "berichtenverkeer",
    requests.map((r) => r.client_id),
    { detail: { verzoeken: requests.length } },
  );
  return result;
}
