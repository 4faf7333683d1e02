import { randomUUID } from "node:crypto";
import { addWeeks, format, parseISO } from "date-fns";
import { sql } from "kysely";
import { addWorkingDays } from "../domain/calendar.ts";
import type { Parties } from "../ijw/build.ts";
import type { RuleFinding } from "../ijw/message-rules.ts";
import type { Berichten, LDT_RedenWijziging } from "../ijw/messages.generated.ts";
import { refusalForRegistryRule } from "../ijw/vot.ts";
import {
  checkChangeRequest,
  type CurrentAllocation,
  type PlannedProduct,
  resolveNewProduct,
} from "../ijw/vow.ts";
import type { Store } from "./database.ts";
import {
  type ExchangeContext,
  type Handled,
  IJW_ALLOCATION_COLUMNS,
  ijwAllocationsOf,
  openRequestOf,
  queueAllocationSnapshot,
  queueAnswer,
  referencesUsedBefore,
  toewijzingNummer,
  type Tx,
} from "./ijw.ts";
import { changeAllocationIn, createAllocationIn, RegistryError } from "./registry.ts";

/**
 * A request for change (VOW, JW317) at the municipality: JW318 with the checks across messages, then
 * either one JW301 that grants the whole desired situation or one JW319 that refuses it or puts it in
 * investigation. A VOW is one request (one ReferentieAanbieder, IV092), so it is granted whole or not at
 * all: the registry changes run under a savepoint and are rolled back when any product cannot be
 * granted, while the request itself and the answer are still recorded.
 */

/** JZ002: a change that follows a request of the provider. */
const GEINITIEERD_DOOR_AANBIEDER: LDT_RedenWijziging = "12";

type Refusal = { kind: "afwijzen"; reden: string; because: string } | { kind: "onderzoek"; because: string };

export async function handleVow(
  tx: Tx,
  store: Store,
  vow: Berichten["JW317"],
  messageId: string,
  parties: Parties,
  ctx: ExchangeContext,
): Promise<Handled> {
  const verzoek = vow.Client.Verzoek;
  const referentie = verzoek.ReferentieAanbieder;
  const findings: RuleFinding[] = [];
  findings.push(...(await referencesUsedBefore(tx, parties.agb, [{ referentie, path: "Client/Verzoek" }])));
  // Locked, so two requests for the same client cannot both pass the open-request check.
  const client = await tx
    .selectFrom("client")
    .select(["id", "personal_cipher"])
    .where("bsn_hmac", "=", store.vault.lookupHash(vow.Client.Bsn))
    .forUpdate()
    .executeTakeFirst();
  if (client) findings.push(...(await openRequestOf(tx, client.id, parties.agb)));
  const rows = client ? await currentAllocations(tx, client.id, parties, ctx) : [];
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  const checked = checkChangeRequest(verzoek, {
    dagtekening: vow.Header.BerichtIdentificatie.Dagtekening,
    current: rows.map(({ number: _number, ...a }) => a),
  });
  findings.push(...checked.findings);
  // Without a known client every named allocation is unlinked (TR350/TR351), so this is one case.
  if (findings.length > 0 || !client) return { findings, done: [], then: [] };

  const done: string[] = [];
  const honoured = new Map<string, string>();
  const changed = new Map<string, LDT_RedenWijziging>();
  let refusal: Refusal | undefined = client.personal_cipher
    ? undefined
    : {
        kind: "onderzoek",
        because: "van de cliënt zijn geen persoonsgegevens bekend voor een toewijzingsbericht",
      };
  await sql`savepoint vow`.execute(tx);
  if (!refusal) {
    try {
      for (const item of checked.plan) {
        refusal = await carryOut(tx, item, {
          clientId: client.id,
          parties,
          ctx,
          referentie,
          numberOf,
          honoured,
          changed,
          done,
        });
        if (refusal) break;
      }
    } catch (e) {
      if (!(e instanceof RegistryError)) throw e;
      const first = e.problems[0]!;
      const reden = refusalForRegistryRule(first.rule);
      const because = `${first.field}: ${first.reason}`;
      refusal = reden ? { kind: "afwijzen", reden, because } : { kind: "onderzoek", because };
    }
  }
  if (refusal) await sql`rollback to savepoint vow`.execute(tx);
  else await sql`release savepoint vow`.execute(tx);

  const starts = checked.plan.flatMap((p) =>
    p.kind === "nieuw" ? [p.startDate] : p.kind === "vervangen" ? [p.from] : [p.allocation.startDate],
  );
  await tx
    .insertInto("ijw_request")
    .values({
      id: randomUUID(),
      message_id: messageId,
      kind: "vow",
      municipality: parties.gemeente,
      provider_agb: parties.agb,
      client_id: client.id,
      referentie,
      product_category: null,
      product_code: null,
      // The request as a whole: its earliest desired date; the products themselves stay in the message.
      start_date: starts.sort()[0] ?? ctx.today,
      end_date: null,
      volume: null,
      unit: null,
      frequency: null,
      budget: null,
      referrer_type: null,
      status: !refusal ? "toegewezen" : refusal.kind === "afwijzen" ? "afgewezen" : "in_onderzoek",
      received_on: ctx.today,
      answer_due: addWorkingDays(ctx.today, 5), // OP346
      research_due:
        refusal?.kind === "onderzoek" ? format(addWeeks(parseISO(ctx.today), 8), "yyyy-MM-dd") : null,
      reason: refusal ? refusal.because : `toegewezen: ${done.join("; ")}`.slice(0, 2000),
      allocation_id: null,
      answered_on: ctx.today,
    })
    .execute();

  if (refusal) {
    const answer = refusal;
    const summary = `${referentie}: ${answer.kind === "afwijzen" ? `afgewezen (reden ${answer.reden})` : "in onderzoek"}`;
    return {
      findings: [],
      clientId: client.id,
      done: [`verzoek om wijziging ${summary}: ${answer.because}; er is niets gewijzigd`],
      then: [() => queueAnswer(tx, store, parties, ctx, client.id, referentie, answer)],
    };
  }
  return {
    findings: [],
    clientId: client.id,
    done: [`verzoek om wijziging ${referentie} toegewezen`, ...done],
    then: [
      () => queueAllocationSnapshot(tx, store, client.id, parties, ctx, honoured, vow.Client.Bsn, changed),
    ],
  };
}

/** The client's allocations with this provider that a VOW must name: iJw ones that run on or after today. */
async function currentAllocations(
  tx: Tx,
  clientId: string,
  parties: Parties,
  ctx: ExchangeContext,
): Promise<(CurrentAllocation & { number: string })[]> {
  const rows = await ijwAllocationsOf(tx, clientId, parties)
    .select(IJW_ALLOCATION_COLUMNS)
    .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", ctx.today)]))
    .orderBy("number")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    nummer: toewijzingNummer(r.number),
    category: r.ijw_category!,
    ...(r.ijw_code ? { code: r.ijw_code } : {}),
    startDate: r.start_date,
    endDate: r.end_date,
    volume: r.volume,
    unit: r.unit,
    frequency: r.frequency,
    budget: r.budget === null ? null : Number(r.budget),
  }));
}

/** One product of the plan in the registry; a refusal when it cannot be granted as asked. */
async function carryOut(
  tx: Tx,
  item: PlannedProduct,
  s: {
    clientId: string;
    parties: Parties;
    ctx: ExchangeContext;
    referentie: string;
    numberOf: Map<string, string>;
    honoured: Map<string, string>;
    changed: Map<string, LDT_RedenWijziging>;
    done: string[];
  },
): Promise<Refusal | undefined> {
  const { parties, ctx, referentie } = s;
  const key = `ijw:${parties.agb}:${referentie}`;
  if (item.kind === "ongewijzigd") {
    // OP348/IV093: every product of the granted situation carries the request's reference.
    s.honoured.set(item.allocation.id, referentie);
    return undefined;
  }
  const date =
    item.kind === "nieuw"
      ? item.startDate
      : item.kind === "vervangen"
        ? item.from
        : item.allocation.startDate;
  const region = ctx.regionFor(parties.gemeente, date);
  if (!region)
    return { kind: "onderzoek", because: `de gemeente hoort op ${date} bij geen regio met een regiomodel` };

  if (item.kind === "nieuw") {
    const contracts = await tx
      .selectFrom("contract")
      .select(["segment", "product", "ijw_category", "ijw_code", "valid_from", "valid_to"])
      .where("provider_agb", "=", parties.agb)
      .where("region_id", "=", region.model.info.id)
      .execute();
    const answer = resolveNewProduct(item, {
      model: region.model,
      contracts: contracts.map((c) => ({
        segment: c.segment,
        product: c.product,
        ijwCategory: c.ijw_category,
        ijwCode: c.ijw_code,
        validFrom: c.valid_from,
        validTo: c.valid_to,
      })),
    });
    if (answer.kind !== "toewijzen") return answer;
    const created = await createAllocationIn(tx, region, {
      municipality: parties.gemeente,
      segment: answer.segment,
      product: answer.product,
      providerAgb: parties.agb,
      startDate: item.startDate,
      ...(item.endDate ? { endDate: item.endDate } : {}),
      clientId: s.clientId,
      ...(item.omvang
        ? { volume: item.omvang.Volume, unit: item.omvang.Eenheid, frequency: item.omvang.Frequentie }
        : {}),
      ...(item.budget !== undefined ? { budget: item.budget } : {}),
      ijw: {
        category: item.product.category!,
        ...(item.product.code ? { code: item.product.code } : {}),
        referentie,
      },
      idempotencyKey: `${key}:${item.path}`,
    });
    s.honoured.set(created.allocation.id, referentie);
    for (const e of created.ended) s.changed.set(e.id, GEINITIEERD_DOOR_AANBIEDER);
    s.done.push(`nieuw product toegewezen als ${created.allocation.number} (${answer.because})`);
    return undefined;
  }

  const a = item.allocation;
  const number = s.numberOf.get(a.id)!;
  const result = await changeAllocationIn(tx, region, {
    number,
    from: date,
    ...item.delta,
    reason: `verzoek om wijziging ${referentie} van de aanbieder (JW317)`,
    ijw: { category: a.category, ...(a.code ? { code: a.code } : {}), referentie },
    idempotencyKey: `${key}:${item.path}`,
  });
  s.honoured.set(result.allocation.id, referentie);
  if (result.mode === "gewijzigd") {
    s.changed.set(a.id, GEINITIEERD_DOOR_AANBIEDER);
    s.done.push(`${number} gewijzigd onder hetzelfde nummer`);
  } else {
    // The ended allocation is in the JW301 too (OP087: everything changed since the previous one).
    for (const e of result.ended) {
      s.changed.set(e.id, GEINITIEERD_DOOR_AANBIEDER);
      s.honoured.set(e.id, referentie);
    }
    s.done.push(`${number} beëindigd per ${date}, vervangen door ${result.allocation.number}`);
  }
  return undefined;
}
