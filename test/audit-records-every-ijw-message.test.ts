import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { providerHeader } from "../src/ijw/build.ts";
import { writeMessage } from "../src/ijw/codec.ts";
import type { Jw323Prestatie } from "../src/ijw/messages.generated.ts";
import { receiveAtProvider } from "../src/ijw/provider-side.ts";
import type { Actor } from "../src/registry/access.ts";
import { type AuditRecord, listAudit, verifyAudit } from "../src/store/audit.ts";
import type { Store } from "../src/store/database.ts";
import {
  answerRequest,
  type ExchangeContext,
  importMessage,
  markExported,
  pendingOutgoing,
} from "../src/store/ijw.ts";
import {
  addGgzProvider,
  AGB,
  bytes,
  CONTRACT_TARIFF,
  exchangeContext,
  GEMEENTE,
  GGZ,
  votXml,
} from "./support/ijw.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Every iJw message in and out leaves audit records (NEN 7513: transfer to and from other systems): one
 * per message per client concerned, named by registry id, never by BSN; one without client for a message
 * that reaches none (invalid, or refused before the child was known). Each test runs as its own
 * processing (trace id), so it reads back exactly the records it caused. Both engines.
 */

const BSNS = testBsns(6, 613);
const [allocated = "", refused = "", investigated = "", declaredA = "", declaredB = "", duplicated = ""] =
  BSNS;
const weekly = { Volume: 2, Eenheid: "04", Frequentie: "2" };
const TOEGANG: Actor = {
  userId: "m.medewerker",
  name: "Medewerker Toegang",
  role: "toegang",
  organisation: "gemeente:0855",
  municipality: GEMEENTE,
};

/** The context of one processing: a trace of its own, and who does it. */
function processing(today: string, actor: Actor | null = TOEGANG): ExchangeContext & { traceId: string } {
  return { ...exchangeContext(today), actor, traceId: randomBytes(16).toString("hex") };
}

const vot = (identificatie: string, bsn: string, ref: string, extra: Record<string, unknown> = {}) =>
  bytes(
    votXml({
      identificatie,
      dagtekening: "2026-03-02",
      bsn,
      products: [{ ref, ...GGZ, start: "2026-03-09", end: "2026-12-31", omvang: weekly, ...extra }],
    }),
  );

describe.each(engines)("the audit trail of the iJw exchange on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    await addGgzProvider(store);
  });
  afterAll(async () => {
    // Whatever the tests did, the chain is whole and holds no BSN.
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true });
    const { rows } = await sql<{
      text: string;
    }>`select row_to_json(a)::text as text from audit_event a`.execute(store.db);
    expect(rows.length).toBeGreaterThan(20);
    for (const { text } of rows) {
      expect(text).not.toMatch(/\b999\d{6}\b/);
      for (const bsn of BSNS) expect(text).not.toContain(bsn);
    }
    await done();
  });

  const recordsOf = async (traceId: string): Promise<AuditRecord[]> =>
    (await listAudit(store.db, { limit: 10_000 })).filter((r) => r.traceId === traceId);
  const clientOf = async (bsn: string) =>
    (
      await store.db
        .selectFrom("client")
        .select("id")
        .where("bsn_hmac", "=", store.vault.lookupHash(bsn))
        .executeTakeFirstOrThrow()
    ).id;
  const outgoingRow = (type: string, clientId: string) =>
    store.db
      .selectFrom("ijw_message")
      .select(["id", "identificatie"])
      .where("direction", "=", "uit")
      .where("type", "=", type)
      .where("client_id", "=", clientId)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
  /** What a reader needs of a record: action, which message, which client, why, outcome. */
  const brief = (r: AuditRecord) => ({
    action: r.action,
    resource: r.resource,
    resourceId: r.resourceId,
    clientId: r.clientId,
    purpose: r.purpose,
    outcome: r.outcome,
    detail: r.detail,
  });

  it("an allocated VOT: one record for the message in, one each for the JW316 and the JW301, with the client", async () => {
    const ctx = processing("2026-03-02");
    const outcome = await importMessage(store, vot("AUD-1", allocated, "AUD-REF-1"), ctx);
    expect(outcome.status).toBe("verwerkt");
    const client = await clientOf(allocated);
    const incoming = await store.db
      .selectFrom("ijw_message")
      .select("id")
      .where("direction", "=", "in")
      .where("identificatie", "=", "AUD-1")
      .executeTakeFirstOrThrow();
    const [retour, allocation] = [await outgoingRow("JW316", client), await outgoingRow("JW301", client)];
    const records = await recordsOf(ctx.traceId);
    expect(records.map(brief)).toEqual([
      {
        action: "bericht-in",
        resource: "ijw-bericht",
        resourceId: incoming.id,
        clientId: client,
        purpose: "berichtenverkeer",
        outcome: "ok",
        detail: { type: "JW315", identificatie: "AUD-1", status: "verwerkt", afzender: AGB },
      },
      {
        action: "bericht-uit",
        resource: "ijw-bericht",
        resourceId: retour.id,
        clientId: client,
        purpose: "berichtenverkeer",
        outcome: "ok",
        detail: { type: "JW316", identificatie: retour.identificatie, ontvanger: AGB },
      },
      {
        action: "bericht-uit",
        resource: "ijw-bericht",
        resourceId: allocation.id,
        clientId: client,
        purpose: "berichtenverkeer",
        outcome: "ok",
        detail: { type: "JW301", identificatie: allocation.identificatie, ontvanger: AGB },
      },
    ]);
    // Who did it, and the processing's trace.
    for (const r of records)
      expect(r).toMatchObject({ actorId: "m.medewerker", role: "toegang", organisation: "gemeente:0855" });

    // The provider's retour on the JW301 comes in: one record, for the same client.
    const atProvider = receiveAtProvider(
      (await pendingOutgoing(store)).find((m) => m.id === allocation.id)!.xml,
      {
        agb: AGB,
        today: "2026-03-03",
        identificatie: "AUD-R-1",
      },
    );
    const ackCtx = processing("2026-03-03", null);
    expect((await importMessage(store, bytes(atProvider.retour!.xml), ackCtx)).status).toBe("verwerkt");
    expect((await recordsOf(ackCtx.traceId)).map(brief)).toEqual([
      expect.objectContaining({
        action: "bericht-in",
        clientId: client,
        detail: expect.objectContaining({ type: "JW302", status: "verwerkt" }),
      }),
    ]);
    expect((await recordsOf(ackCtx.traceId))[0]).toMatchObject({
      actorId: null,
      actorName: null,
      role: null,
    });

    // Export: one "exporteren" record per message, for its client.
    const exportCtx = processing("2026-03-03");
    const pending = await pendingOutgoing(store);
    await markExported(
      store,
      pending.map((m) => m.id),
      exportCtx,
    );
    const exported = await recordsOf(exportCtx.traceId);
    expect(exported.map((r) => r.action)).toEqual(pending.map(() => "exporteren"));
    expect(exported.map((r) => r.resourceId).sort()).toEqual(pending.map((m) => m.id).sort());
    expect(exported.find((r) => r.resourceId === allocation.id)).toMatchObject({
      clientId: client,
      purpose: "berichtenverkeer",
      detail: { type: "JW301", identificatie: allocation.identificatie, ontvanger: AGB },
    });
  });

  it("the same VOT twice: the duplicate has a record of its own, pointing at the first, and so has its 9056 retour", async () => {
    const file = vot("AUD-2", duplicated, "AUD-REF-2");
    const first = processing("2026-03-02");
    await importMessage(store, file, first);
    const firstIn = (await recordsOf(first.traceId))[0]!;
    const again = processing("2026-03-02");
    expect((await importMessage(store, file, again)).status).toBe("dubbel");
    const client = await clientOf(duplicated);
    expect((await recordsOf(again.traceId)).map(brief)).toEqual([
      {
        action: "bericht-in",
        resource: "ijw-bericht",
        resourceId: firstIn.resourceId,
        clientId: client,
        purpose: "berichtenverkeer",
        outcome: "geweigerd",
        detail: { type: "JW315", identificatie: "AUD-2", status: "dubbel", afzender: AGB },
      },
      expect.objectContaining({
        action: "bericht-uit",
        clientId: client,
        detail: expect.objectContaining({ type: "JW316" }),
      }),
    ]);
  });

  it("a VOT refused on an in-message rule before the child is known: records without a client", async () => {
    const ctx = processing("2026-03-02");
    // Weekly volume without an end date breaks CD076: refused with 0001, the child is not registered.
    const file = bytes(
      votXml({
        identificatie: "AUD-3",
        dagtekening: "2026-03-02",
        bsn: refused,
        products: [{ ref: "AUD-REF-3", ...GGZ, start: "2026-03-09", omvang: weekly }],
      }),
    );
    expect((await importMessage(store, file, ctx)).status).toBe("afgekeurd");
    expect((await recordsOf(ctx.traceId)).map(brief)).toEqual([
      expect.objectContaining({
        action: "bericht-in",
        clientId: null,
        outcome: "geweigerd",
        detail: { type: "JW315", identificatie: "AUD-3", status: "afgekeurd", afzender: AGB },
      }),
      expect.objectContaining({
        action: "bericht-uit",
        clientId: null,
        detail: expect.objectContaining({ type: "JW316" }),
      }),
    ]);
  });

  it("an invalid file and a message not meant for a municipality: one record each, without client or message", async () => {
    const invalid = processing("2026-03-02");
    expect((await importMessage(store, bytes("<JW315>geen bericht</JW315>"), invalid)).status).toBe(
      "ongeldig",
    );
    expect((await recordsOf(invalid.traceId)).map(brief)).toEqual([
      {
        action: "bericht-in",
        resource: "ijw-bericht",
        resourceId: null,
        clientId: null,
        purpose: "berichtenverkeer",
        outcome: "fout",
        detail: expect.objectContaining({ status: "ongeldig" }),
      },
    ]);

    // A JW301 is what a municipality sends, not what it receives.
    const wrongWay = processing("2026-09-02");
    const jw301 = readFileSync(join(import.meta.dirname, "fixtures/ijw/JW301-minimaal.xml"));
    expect((await importMessage(store, jw301, wrongWay)).status).toBe("niet-voor-gemeente");
    expect((await recordsOf(wrongWay.traceId)).map(brief)).toEqual([
      expect.objectContaining({
        action: "bericht-in",
        resourceId: null,
        clientId: null,
        outcome: "fout",
        detail: expect.objectContaining({ type: "JW301", status: "niet-voor-gemeente" }),
      }),
    ]);
  });

  it("a person's answer after investigation (answerRequest) leaves a record for the JW301 it sends", async () => {
    const first = processing("2026-03-02");
    await importMessage(store, vot("AUD-4", investigated, "AUD-REF-4", { verwijzer: { Type: "06" } }), first);
    const client = await clientOf(investigated);
    expect((await recordsOf(first.traceId)).map((r) => [r.action, r.detail.type, r.clientId])).toEqual([
      ["bericht-in", "JW315", client],
      ["bericht-uit", "JW316", client],
      ["bericht-uit", "JW319", client],
    ]);
    const later = processing("2026-03-20");
    const answer = await answerRequest(
      store,
      { agb: AGB, referentie: "AUD-REF-4", decision: { kind: "toewijzen" } },
      later,
    );
    expect(answer.produced.map((p) => p.type)).toEqual(["JW301"]);
    expect((await recordsOf(later.traceId)).map(brief)).toEqual([
      expect.objectContaining({
        action: "bericht-uit",
        clientId: client,
        detail: expect.objectContaining({ type: "JW301", identificatie: answer.produced[0]!.identificatie }),
      }),
    ]);
  });

  it("a declaration for two children: records per child, for the purpose 'bekostiging', in and out", async () => {
    const setup = processing("2026-03-02");
    await importMessage(store, vot("AUD-5", declaredA, "AUD-REF-5"), setup);
    await importMessage(store, vot("AUD-6", declaredB, "AUD-REF-6"), setup);
    const clients = [await clientOf(declaredA), await clientOf(declaredB)];
    const numbers = await Promise.all(
      clients.map(async (id) =>
        Number(
          (
            await store.db
              .selectFrom("allocation")
              .select("number")
              .where("client_id", "=", id)
              .executeTakeFirstOrThrow()
          ).number.slice(1),
        ),
      ),
    );
    const line = (ref: string, nummer: number): Jw323Prestatie => ({
      ProductReferentie: { ReferentieNummer: ref },
      ToewijzingNummer: nummer,
      ProductCategorie: GGZ.category as Jw323Prestatie["ProductCategorie"],
      ProductCode: GGZ.code,
      ProductPeriode: { Begindatum: "2026-03-09", Einddatum: "2026-03-31" },
      GeleverdVolume: 2,
      Eenheid: "04",
      ProductTarief: CONTRACT_TARIFF,
      IngediendBedrag: { Bedrag: 2 * CONTRACT_TARIFF, DebetCredit: "D" },
    });
    const xml = writeMessage("JW323", {
      Header: providerHeader(
        "JW323",
        { gemeente: GEMEENTE, agb: AGB },
        { identificatie: "AUD-7", dagtekening: "2026-04-03" },
      ),
      Declaratie: {
        DeclaratieNummer: "AUDD1",
        DeclaratiePeriode: { Begindatum: "2026-03-01", Einddatum: "2026-03-31" },
        DeclaratieDagtekening: "2026-04-03",
        TotaalIngediendBedrag: { TotaalBedrag: 4 * CONTRACT_TARIFF, DebetCredit: "D" },
        Clienten: {
          Client: [
            { Bsn: declaredA, Prestaties: { Prestatie: [line("AUD-P-1", numbers[0]!)] } },
            { Bsn: declaredB, Prestaties: { Prestatie: [line("AUD-P-2", numbers[1]!)] } },
          ],
        },
      },
    });
    const ctx = processing("2026-04-06");
    const outcome = await importMessage(store, bytes(xml), ctx);
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW325"]);
    const records = await recordsOf(ctx.traceId);
    const pairs = records.map((r) => [r.action, r.detail.type, r.clientId, r.purpose]);
    expect(pairs).toHaveLength(4);
    for (const client of clients) {
      expect(pairs).toContainEqual(["bericht-in", "JW323", client, "bekostiging"]);
      expect(pairs).toContainEqual(["bericht-uit", "JW325", client, "bekostiging"]);
    }
  });
});
