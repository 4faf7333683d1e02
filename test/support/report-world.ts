import { testBsns } from "../../src/domain/bsn.ts";
import type { Store } from "../../src/store/database.ts";

/**
 * A registry small enough to compute every report by hand (hart-van-brabant, year 2025). The expected
 * figures in the report tests are worked out from this table, in the comments beside them.
 *
 * | alloc | client | gemeente | seg | product                        | aanbieder | start      | einde      | verwijzing | start zorg |
 * | A1    | C1     | 0855     | 4   | ggz-specialistisch (P2Y)       | P1        | 2025-01-01 | 2025-06-30 | 2024-12-20 | 2025-01-10 |
 * | A2    | C2     | 0855     | 4   | ggz-specialistisch (P2Y)       | P1        | 2024-03-01 | 2026-03-31 | 2024-02-01 | 2024-03-05 |
 * | A3    | C3     | 0785     | 4   | joh-begeleiding (P2Y)          | P2        | 2025-03-01 | 2027-01-01 | 2025-02-01 | 2025-03-03 |
 * | A4    | C4     | 0785     | 1   | behandelverblijf-open          | P2        | 2025-02-01 | (open)     | 2025-01-06 | 2025-02-10 |
 * | A5    | C5     | 0855     | 1   | intensieve-ambulante-jeugdhulp | P1        | 2025-04-01 | 2025-09-30 | 2025-02-03 | 2025-04-01 |
 * | A6    | C1     | 0855     | 5   | crisisverblijf                 | P2        | 2025-05-10 | 2025-05-20 | (geen)     | 2025-05-10 |
 * | A7    | C6     | 0855     | 1   | behandelverblijf-open          | P1        | 2024-06-01 | 2024-12-31 | 2024-05-01 | 2024-06-03 |
 *
 * Declaration lines (euro cents): L1 A1 Jan 10 h × 11160 = 111600 D; L2 A1 Feb 8 × 11160 = 89280 D;
 * L5 A1 Feb 8 × 11160 = 89280 C (credits L2); L3 A2 Jan 5 × 11000 = 55000 D; L4 A3 Mar 6 × 7800 =
 * 46800 D; L6 A3 Apr 100 × 7800 rejected; L7 A2 Dec 2024 4 × 11000 = 44000 D (other year).
 */

export const P1 = "11111111";
export const P2 = "22222222";
const REGION = "hart-van-brabant";

const id = (table: number, n: number) => `00000000-0000-4000-8${table}00-${String(n).padStart(12, "0")}`;

export async function buildReportWorld(store: Store): Promise<void> {
  const { db, vault } = store;
  const bsns = testBsns(6, 4242);
  await db
    .insertInto("provider")
    .values([
      { agb: P1, name: "Aanbieder Een" },
      { agb: P2, name: "Aanbieder Twee" },
    ])
    .execute();
  const clients = [["0855"], ["0855"], ["0785"], ["0785"], ["0855"], ["0855"]] as const;
  await db
    .insertInto("client")
    .values(
      clients.map(([municipality], i) => ({
        id: id(1, i + 1),
        municipality,
        bsn_hmac: vault.lookupHash(bsns[i]!),
        bsn_cipher: vault.encrypt(bsns[i]!),
        birth_date: "2012-01-01",
      })),
    )
    .execute();
  const client = (n: number) => id(1, n);

  // [alloc, client, municipality, segment, product, provider, start, end, request date | null, care start]
  const rows: [
    number,
    number,
    string,
    string,
    string,
    string,
    string,
    string | null,
    string | null,
    string,
  ][] = [
    [1, 1, "0855", "4", "ggz-specialistisch", P1, "2025-01-01", "2025-06-30", "2024-12-20", "2025-01-10"],
    [2, 2, "0855", "4", "ggz-specialistisch", P1, "2024-03-01", "2026-03-31", "2024-02-01", "2024-03-05"],
    [3, 3, "0785", "4", "joh-begeleiding", P2, "2025-03-01", "2027-01-01", "2025-02-01", "2025-03-03"],
    [4, 4, "0785", "1", "behandelverblijf-open", P2, "2025-02-01", null, "2025-01-06", "2025-02-10"],
    [
      5,
      5,
      "0855",
      "1",
      "intensieve-ambulante-jeugdhulp",
      P1,
      "2025-04-01",
      "2025-09-30",
      "2025-02-03",
      "2025-04-01",
    ],
    [6, 1, "0855", "5", "crisisverblijf", P2, "2025-05-10", "2025-05-20", null, "2025-05-10"],
    [7, 6, "0855", "1", "behandelverblijf-open", P1, "2024-06-01", "2024-12-31", "2024-05-01", "2024-06-03"],
  ];
  for (const [n, c, municipality, segment, product, provider, start, end, requested, started] of rows) {
    const referralId = requested ? id(2, n) : null;
    if (referralId && requested) {
      await db
        .insertInto("referral")
        .values({
          id: referralId,
          client_id: client(c),
          municipality,
          region_id: REGION,
          request_date: requested,
          facts: JSON.stringify({ test: true }),
          advice: JSON.stringify({ segments: [{ id: segment }], deadlines: [] }),
          receipt: JSON.stringify({ test: "report-world" }),
          segments: segment,
          idempotency_key: `report-world:referral:${n}`,
        })
        .execute();
    }
    const taskBased = segment === "1" || segment === "5";
    await db
      .insertInto("allocation")
      .values({
        id: id(3, n),
        number: `T8000000${n}`,
        client_id: client(c),
        referral_id: referralId,
        municipality,
        region_id: REGION,
        segment,
        product,
        provider_agb: provider,
        start_date: start,
        end_date: end,
        volume: taskBased ? null : 10,
        unit: taskBased ? null : "04",
        frequency: taskBased ? null : "4",
        budget: null,
        status: "actief",
        end_reason: null,
        task_based: taskBased,
        idempotency_key: `report-world:allocation:${n}`,
        request: null,
      })
      .execute();
    await db
      .insertInto("delivery_report")
      .values({
        id: id(4, n),
        kind: "start",
        municipality,
        provider_agb: provider,
        client_id: client(c),
        allocation_id: id(3, n),
        product_category: null,
        product_code: null,
        begin_date: started,
        end_date: null,
        reason: null,
        reported_on: started,
        message_id: null,
      })
      .execute();
  }
  // A withdrawn earlier start of A3 must not count as its start.
  await db
    .insertInto("delivery_report")
    .values({
      id: id(4, 99),
      kind: "start",
      municipality: "0785",
      provider_agb: P2,
      client_id: client(3),
      allocation_id: id(3, 3),
      product_category: null,
      product_code: null,
      begin_date: "2025-02-02",
      end_date: null,
      reason: null,
      reported_on: "2025-02-02",
      message_id: null,
      withdrawn_on: "2025-02-05",
    })
    .execute();

  // One declaration per provider and municipality, each with its synthetic JW323.
  const declarations: [number, string, string][] = [
    [1, P1, "0855"],
    [2, P2, "0785"],
  ];
  for (const [n, provider, municipality] of declarations) {
    await db
      .insertInto("ijw_message")
      .values({
        id: id(5, n),
        direction: "in",
        type: "JW323",
        sender: provider,
        receiver: municipality,
        identificatie: `RW-${n}`,
        dagtekening: "2025-04-05",
        content_hash: `report-world:${n}`,
        body_cipher: vault.encrypt("<!-- report-world -->"),
        municipality,
        provider_agb: provider,
        client_id: null,
        in_reply_to: null,
        status: "verwerkt",
        summary: "report-world",
      })
      .execute();
    await db
      .insertInto("declaration")
      .values({
        id: id(6, n),
        message_id: id(5, n),
        municipality,
        provider_agb: provider,
        number: `RW-${n}`,
        period_start: "2024-12-01",
        period_end: "2025-04-30",
        signed_on: "2025-05-05",
        submitted_amount: 0,
        submitted_dc: "D",
        granted_amount: 0,
        granted_dc: "D",
        status: "deels_afgewezen",
        received_on: "2025-05-05",
        answer_due: "2025-05-19",
        answered_on: "2025-05-06",
      })
      .execute();
  }
  // [line, declaration, alloc, client, from, to, volume, tariff, amount, D/C, approved]
  const lines: [
    number,
    number,
    number,
    number,
    string,
    string,
    number,
    number,
    number,
    "D" | "C",
    boolean,
  ][] = [
    [1, 1, 1, 1, "2025-01-01", "2025-01-31", 10, 11160, 111600, "D", true],
    [2, 1, 1, 1, "2025-02-01", "2025-02-28", 8, 11160, 89280, "D", true],
    [5, 1, 1, 1, "2025-02-01", "2025-02-28", 8, 11160, 89280, "C", true],
    [3, 1, 2, 2, "2025-01-01", "2025-01-31", 5, 11000, 55000, "D", true],
    [4, 2, 3, 3, "2025-03-01", "2025-03-31", 6, 7800, 46800, "D", true],
    [6, 2, 3, 3, "2025-04-01", "2025-04-30", 100, 7800, 780000, "D", false],
    [7, 1, 2, 2, "2024-12-01", "2024-12-31", 4, 11000, 44000, "D", true],
  ];
  for (const [n, d, a, c, from, to, volume, tariff, amount, dc, approved] of lines) {
    const [, provider, municipality] = declarations[d - 1]!;
    await db
      .insertInto("declaration_line")
      .values({
        id: id(7, n),
        declaration_id: id(6, d),
        municipality,
        provider_agb: provider,
        client_id: client(c),
        allocation_id: id(3, a),
        toewijzing_nummer: 80000000 + a,
        reference: `RW-L${n}`,
        previous_reference: dc === "C" ? "RW-L2" : null,
        product_category: "54",
        product_code: "54001",
        period_start: from,
        period_end: to,
        volume,
        unit: "04",
        tariff,
        amount,
        debit_credit: dc,
        approved,
        retour_codes: approved ? null : "8001",
      })
      .execute();
  }
}
