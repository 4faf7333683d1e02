import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { addWorkingDays } from "../domain/calendar.ts";
import type { Parties } from "../ijw/build.ts";
import {
  type AllocationFacts,
  buildJw325,
  type DeclarationJudgement,
  type EarlierLine,
  judgeDeclaration,
  refusalCodes,
} from "../ijw/declaration.ts";
import type { RuleFinding } from "../ijw/message-rules.ts";
import type { Berichten } from "../ijw/messages.generated.ts";
import type { Store } from "./database.ts";
import {
  type ExchangeContext,
  type Handled,
  nextIdentificatie,
  type Outgoing,
  queue,
  toewijzingNummer,
  type Tx,
} from "./ijw.ts";

/**
 * A declaration (JW323) on the municipality's side: judged against the client's allocations and the
 * provider's earlier lines (src/ijw/declaration.ts), kept line by line, and answered with a JW325.
 * A 323 has no retour, so the JW325 is also the answer to broken in-message rules: 0001 refuses the
 * whole message (header only), a class-level code (9319, 9346) rejects that prestatie. The standard
 * allows 10 working days for the answer (OP090x4); it is sent on receipt.
 */

/** The registry has no RedenWijziging column: a deletion (reden 13) is an end on the start date with reason 13. */
const isDeleted = (r: { start_date: string; end_date: string | null; end_reason: string | null }) =>
  r.end_date === r.start_date && /^(gewijzigd: )?(13\b|verwijderd)/i.test(r.end_reason ?? "");

const euro = (cents: number) =>
  `€ ${(cents / 100).toLocaleString("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export async function handleDeclaration(
  tx: Tx,
  store: Store,
  bericht: Berichten["JW323"],
  messageId: string,
  parties: Parties,
  ctx: ExchangeContext,
  inMessage: RuleFinding[],
): Promise<Handled> {
  const d = bericht.Declaratie;
  const prestaties = d.Clienten.Client.flatMap((c) => c.Prestaties.Prestatie);
  // One query for all clients: a declaration can hold thousands.
  const hashes = d.Clienten.Client.map((c) => store.vault.lookupHash(c.Bsn));
  const clientRows = await tx
    .selectFrom("client")
    .select(["id", "bsn_hmac"])
    .where("bsn_hmac", "in", [...new Set(hashes)])
    .execute();
  const clientByHash = new Map(clientRows.map((r) => [r.bsn_hmac, r.id]));
  const clientIds = hashes.map((h) => clientByHash.get(h));
  const answerDue = addWorkingDays(ctx.today, 10);
  const answer = (judgement: DeclarationJudgement, summary: string) => async (): Promise<Outgoing> => {
    const known = [...new Set(clientIds.filter((id) => id !== undefined))];
    return queue(
      tx,
      store,
      "JW325",
      buildJw325(bericht, judgement, { identificatie: await nextIdentificatie(tx), dagtekening: ctx.today }),
      {
        municipality: parties.gemeente,
        agb: parties.agb,
        ...(known.length === 1 ? { clientId: known[0] } : {}),
        inReplyTo: messageId,
        summary: `${summary}; antwoord binnen 10 werkdagen (OP090x4, uiterlijk ${answerDue}): direct klaargezet`,
      },
    );
  };

  const refusal = refusalCodes(inMessage);
  if (refusal.length > 0) {
    // Nothing is kept: the provider corrects the message and sends it again with the same numbers.
    const judgement = judgeDeclaration(
      bericht,
      { numberUsed: false, clientIds, allocations: [], earlier: [] },
      inMessage,
    );
    return {
      findings: inMessage,
      done: [],
      then: [answer(judgement, `declaratie ${d.DeclaratieNummer} geweigerd (${refusal.join(", ")})`)],
    };
  }

  // The number is claimed first, so two messages with one DeclaratieNummer cannot both be processed.
  const declarationId = randomUUID();
  const claimed = await tx
    .insertInto("declaration")
    .values({
      id: declarationId,
      message_id: messageId,
      municipality: parties.gemeente,
      provider_agb: parties.agb,
      number: d.DeclaratieNummer,
      period_start: d.DeclaratiePeriode.Begindatum,
      period_end: d.DeclaratiePeriode.Einddatum,
      signed_on: d.DeclaratieDagtekening,
      submitted_amount: d.TotaalIngediendBedrag.TotaalBedrag,
      submitted_dc: d.TotaalIngediendBedrag.DebetCredit,
      granted_amount: 0,
      granted_dc: "D",
      status: "afgewezen",
      received_on: ctx.today,
      answer_due: answerDue,
      answered_on: ctx.today,
    })
    .onConflict((oc) => oc.constraint("declaration_number").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!claimed) {
    const judgement = judgeDeclaration(
      bericht,
      { numberUsed: true, clientIds, allocations: [], earlier: [] },
      inMessage,
    );
    return {
      findings: [],
      done: [
        `declaratie ${d.DeclaratieNummer}: dit nummer is al gebruikt (retourcode 9333); alle prestaties afgewezen`,
      ],
      then: [answer(judgement, `declaratie ${d.DeclaratieNummer} afgewezen (9333)`)],
    };
  }

  const numbers = [...new Set(prestaties.map((p) => `T${p.ToewijzingNummer}`))];
  // Locked in number order: two declarations on one allocation are judged one after the other (sums).
  const allocationRows = await tx
    .selectFrom("allocation")
    .select([
      "id",
      "number",
      "client_id",
      "ijw_category",
      "ijw_code",
      "start_date",
      "end_date",
      "end_reason",
      "volume",
      "unit",
      "frequency",
      "budget",
      "task_based",
      "region_id",
      "segment",
      "product",
    ])
    .where("number", "in", numbers)
    .where("municipality", "=", parties.gemeente)
    .where("provider_agb", "=", parties.agb)
    .orderBy("number")
    .forUpdate()
    .execute();
  const tariffs = await contractTariffs(tx, parties.agb, allocationRows);
  const allocations: AllocationFacts[] = allocationRows.map((r) => ({
    nummer: toewijzingNummer(r.number),
    clientId: r.client_id,
    category: r.ijw_category,
    code: r.ijw_code,
    start: r.start_date,
    end: r.end_date,
    volume: r.volume,
    unit: r.unit,
    frequency: r.frequency,
    budget: r.budget === null ? null : Number(r.budget),
    taskBased: r.task_based,
    deleted: isDeleted(r),
    tariff: tariffs.get(r.id) ?? null,
  }));
  const allocationId = new Map(allocationRows.map((r) => [toewijzingNummer(r.number), r.id]));
  const references = [
    ...new Set(
      prestaties.flatMap((p) => [
        p.ProductReferentie.ReferentieNummer,
        ...(p.ProductReferentie.VorigReferentieNummer ? [p.ProductReferentie.VorigReferentieNummer] : []),
      ]),
    ),
  ];
  const ids = allocationRows.map((r) => r.id);
  const earlierRows = await tx
    .selectFrom("declaration_line")
    .select([
      "reference",
      "previous_reference",
      "client_id",
      "toewijzing_nummer",
      "product_category",
      "product_code",
      "period_start",
      "period_end",
      "volume",
      "amount",
      "debit_credit",
      "approved",
      "allocation_id",
    ])
    .where("municipality", "=", parties.gemeente)
    .where("provider_agb", "=", parties.agb)
    .where((eb) =>
      eb.or([
        eb("reference", "in", references),
        eb("previous_reference", "in", references),
        ...(ids.length > 0 ? [eb("allocation_id", "in", ids)] : []),
      ]),
    )
    .execute();
  const earlier: EarlierLine[] = earlierRows.map((r) => ({
    referentie: r.reference,
    vorigReferentie: r.previous_reference,
    clientId: r.client_id,
    toewijzingNummer: r.toewijzing_nummer,
    category: r.product_category,
    code: r.product_code,
    begin: r.period_start,
    end: r.period_end,
    volume: r.volume,
    amount: r.amount,
    credit: r.debit_credit === "C",
    approved: r.approved,
  }));
  // A credit is kept on its debet's allocation, which may not be among the numbers locked above.
  const debitAllocation = new Map(
    earlierRows.filter((r) => r.debit_credit === "D").map((r) => [r.reference, r.allocation_id]),
  );

  const judgement = judgeDeclaration(
    bericht,
    { numberUsed: false, clientIds, allocations, earlier },
    inMessage,
  );
  for (const j of judgement.prestaties) {
    const p = j.prestatie;
    const credit = p.IngediendBedrag.DebetCredit === "C";
    await tx
      .insertInto("declaration_line")
      .values({
        id: randomUUID(),
        declaration_id: declarationId,
        municipality: parties.gemeente,
        provider_agb: parties.agb,
        client_id: j.clientId ?? null,
        allocation_id:
          (credit
            ? debitAllocation.get(p.ProductReferentie.VorigReferentieNummer ?? "")
            : j.allocation !== undefined
              ? allocationId.get(j.allocation)
              : undefined) ?? null,
        toewijzing_nummer: p.ToewijzingNummer,
        reference: p.ProductReferentie.ReferentieNummer,
        previous_reference: p.ProductReferentie.VorigReferentieNummer ?? null,
        product_category: p.ProductCategorie,
        product_code: p.ProductCode,
        period_start: p.ProductPeriode.Begindatum,
        period_end: p.ProductPeriode.Einddatum,
        volume: p.GeleverdVolume,
        unit: p.Eenheid,
        tariff: p.ProductTarief ?? null,
        amount: p.IngediendBedrag.Bedrag,
        debit_credit: p.IngediendBedrag.DebetCredit,
        approved: j.approved,
        retour_codes: j.approved ? null : [...new Set(j.findings.map((f) => f.retourcode))].join(","),
      })
      .execute();
  }
  const rejected = judgement.prestaties.filter((j) => !j.approved);
  const status =
    rejected.length === 0
      ? "toegekend"
      : rejected.length === prestaties.length
        ? "afgewezen"
        : "deels_afgewezen";
  await tx
    .updateTable("declaration")
    .set({
      granted_amount: Math.abs(judgement.granted),
      granted_dc: judgement.granted < 0 ? "C" : "D",
      status,
    })
    .where("id", "=", declarationId)
    .execute();
  const totals = `ingediend ${euro(judgement.submitted)}, toegekend ${euro(judgement.granted)}`;
  const head =
    rejected.length === 0
      ? `declaratie ${d.DeclaratieNummer}: alle ${prestaties.length} prestaties toegekend (8001); ${totals}`
      : `declaratie ${d.DeclaratieNummer}: ${rejected.length} van ${prestaties.length} prestaties afgewezen; ${totals}`;
  const known = [...new Set(clientIds.filter((id) => id !== undefined))];
  return {
    findings: [],
    ...(known.length === 1 ? { clientId: known[0] } : {}),
    done: [
      head,
      ...rejected.map(
        (j) =>
          `${j.prestatie.ProductReferentie.ReferentieNummer}: afgewezen (${j.findings.map((f) => `${f.retourcode} ${f.text}`).join(" ")})`,
      ),
    ],
    then: [answer(judgement, head)],
  };
}

/**
 * The contract tariff behind each allocation: the provider's contract for the allocation's segment and
 * product (a contract for the product before one for the whole segment) on the allocation's start.
 */
async function contractTariffs(
  tx: Tx,
  agb: string,
  allocations: { id: string; region_id: string; segment: string; product: string; start_date: string }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const a of allocations) {
    const c = await tx
      .selectFrom("contract")
      .select(["tariff", "product"])
      .where("provider_agb", "=", agb)
      .where("region_id", "=", a.region_id)
      .where("segment", "=", a.segment)
      .where((eb) => eb.or([eb("product", "=", a.product), eb("product", "is", null)]))
      .where("valid_from", "<=", a.start_date)
      .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", a.start_date)]))
      .orderBy("product", sql`asc nulls last`)
      .executeTakeFirst();
    if (c && c.tariff !== null) out.set(a.id, Number(c.tariff));
  }
  return out;
}
