import { randomUUID } from "node:crypto";
import { testBsns } from "../../src/domain/bsn.ts";
import { parseCase } from "../../src/domain/case.ts";
import type { Store } from "../../src/store/database.ts";
import { createReferral } from "../../src/store/registry.ts";
import { hvb } from "./registry.ts";

/**
 * What the what-if tests share: referrals in Hart van Brabant made through the registry's own
 * createReferral, from the complete case of regions/hart-van-brabant/cases/segment-1-vuistregels.yaml
 * (a child of 11 in Tilburg, a single request, no measure) with the hours changed.
 */

export const PERIOD = { from: "2025-01-01", to: "2025-12-31" };

export function hoursCase(
  hours: { begeleiding: number; behandeling: number },
  requestDate = "2025-03-03",
): ReturnType<typeof parseCase> {
  return parseCase({
    requestDate,
    municipality: "0855",
    birthDate: "2014-05-01",
    developmentPerspective: true,
    crisis: false,
    residentialCentral: false,
    complexity: "enkelvoudig",
    requestedCare: hours.begeleiding > 0 ? ["joh-begeleiding"] : ["ggz-specialistisch"],
    estimatedHours: hours,
    referrer: "gemeente",
    protectionMeasure: "geen",
    otherDomains: [],
    siblings: [],
    currentCare: [],
  });
}

/** Makes one referral per case, each for its own client (test BSNs of `seed`); returns the ids in order. */
export async function refer(
  store: Store,
  cases: ReturnType<typeof parseCase>[],
  seed: number,
): Promise<{ id: string; clientId: string; segments: string[] }[]> {
  const bsns = testBsns(cases.length, seed);
  const out = [];
  for (const [i, facts] of cases.entries()) {
    const { referral } = await createReferral(store, hvb, {
      bsn: bsns[i] ?? "",
      facts,
      idempotencyKey: `wat-als-${seed}-${i}`,
    });
    out.push({ id: referral.id, clientId: referral.clientId, segments: referral.segments });
  }
  return out;
}

export const AGB = "99000001";

/**
 * An allocation and, optionally, declaration lines for it, written straight into the tables: the
 * budget basis only reads these columns, and the iJw flow that makes them for real is tested elsewhere
 * (ijw-flow-declaration). Amounts in euro cents.
 */
export async function allocationWithLines(
  store: Store,
  input: {
    clientId: string;
    segment: string;
    product: string;
    start: string;
    end: string | null;
    lines?: { periodStart: string; amount: number; credit?: boolean; approved?: boolean }[];
  },
): Promise<void> {
  await store.db
    .insertInto("provider")
    .values({ agb: AGB, name: "Testaanbieder (fictief)" })
    .onConflict((oc) => oc.column("agb").doNothing())
    .execute();
  const allocationId = randomUUID();
  await store.db
    .insertInto("allocation")
    .values({
      id: allocationId,
      client_id: input.clientId,
      referral_id: null,
      municipality: "0855",
      region_id: "hart-van-brabant",
      segment: input.segment,
      product: input.product,
      provider_agb: AGB,
      start_date: input.start,
      end_date: input.end,
      volume: null,
      unit: null,
      frequency: null,
      budget: null,
      status: "actief",
      end_reason: null,
      task_based: input.segment === "1" || input.segment === "5",
      idempotency_key: randomUUID(),
      request: null,
    })
    .execute();
  if (!input.lines?.length) return;
  const messageId = randomUUID();
  await store.db
    .insertInto("ijw_message")
    .values({
      id: messageId,
      direction: "in",
      type: "JW323",
      sender: AGB,
      receiver: "0855",
      identificatie: randomUUID(),
      dagtekening: "2025-12-01",
      content_hash: randomUUID(),
      body_cipher: "-",
      municipality: "0855",
      provider_agb: AGB,
      client_id: null,
      in_reply_to: null,
      status: "verwerkt",
      summary: "test",
    })
    .execute();
  const declarationId = randomUUID();
  await store.db
    .insertInto("declaration")
    .values({
      id: declarationId,
      message_id: messageId,
      municipality: "0855",
      provider_agb: AGB,
      number: randomUUID().slice(0, 12),
      period_start: "2025-01-01",
      period_end: "2025-12-31",
      signed_on: "2025-12-01",
      submitted_amount: 0,
      submitted_dc: "D",
      granted_amount: 0,
      granted_dc: "D",
      status: "toegekend",
      received_on: "2025-12-01",
      answer_due: "2025-12-15",
      answered_on: null,
    })
    .execute();
  for (const l of input.lines) {
    const approved = l.approved ?? true;
    await store.db
      .insertInto("declaration_line")
      .values({
        id: randomUUID(),
        declaration_id: declarationId,
        municipality: "0855",
        provider_agb: AGB,
        client_id: input.clientId,
        allocation_id: allocationId,
        toewijzing_nummer: 1,
        reference: randomUUID(),
        previous_reference: null,
        product_category: "45",
        product_code: "45A48",
        period_start: l.periodStart,
        period_end: l.periodStart,
        volume: 1,
        unit: "04",
        tariff: l.amount,
        amount: l.amount,
        debit_credit: l.credit ? "C" : "D",
        approved,
        retour_codes: approved ? null : "8001",
      })
      .execute();
  }
}
