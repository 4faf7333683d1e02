import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { providerHeader } from "../src/ijw/build.ts";
import { writeMessage } from "../src/ijw/codec.ts";
import type { Berichten, LDT_RedenBeeindiging } from "../src/ijw/messages.generated.ts";
import type { Store } from "../src/store/database.ts";
import { importMessage, markExported, pendingOutgoing, toewijzingNummer } from "../src/store/ijw.ts";
import { listAllocations, registryDeadlines } from "../src/store/registry.ts";
import { addGgzProvider, AGB, bytes, exchangeContext, GEMEENTE, GGZ, outbox, votXml } from "./support/ijw.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Start (JW305 ⇒ JW306) and stop (JW307 ⇒ JW308) of care on the municipality's side, on both database
 * engines: several delivery periods per allocation, temporary and definitive stops, corrections by
 * delete + new, task-based care without an allocation, and every refusal with its retour code on the
 * product it concerns while nothing is written.
 */

const [bsn = "", otherBsn = ""] = testBsns(2, 47);

interface Line {
  /** ToewijzingNummer; null leaves it out (task-based). */
  nummer: number | null;
  product?: { category: string; code?: string } | null;
  begin: string;
  status?: "1" | "3";
}
interface StopLine extends Line {
  reden: LDT_RedenBeeindiging;
  end: string;
}

const client = (who: string) => ({
  Bsn: who,
  Geboortedatum: { Datum: "2014-04-04" },
  Geslacht: "2" as const,
  Naam: { Geslachtsnaam: { Achternaam: "Testkind" }, Voorletters: "A" },
});

const lineOf = (l: Line) => ({
  ...(l.nummer === null ? {} : { ToewijzingNummer: l.nummer }),
  ...(l.product === null
    ? {}
    : (() => {
        const p = l.product ?? GGZ;
        return { Product: { Categorie: p.category as never, ...(p.code ? { Code: p.code } : {}) } };
      })()),
  Begindatum: l.begin,
});

function startXml(identificatie: string, dagtekening: string, lines: Line[], who = bsn): string {
  const bericht: Berichten["JW305"] = {
    Header: providerHeader("JW305", { gemeente: GEMEENTE, agb: AGB }, { identificatie, dagtekening }),
    Client: {
      ...client(who),
      StartProducten: {
        StartProduct: lines.map((l) => ({ ...lineOf(l), StatusAanlevering: l.status ?? "1" })),
      },
    },
  };
  return writeMessage("JW305", bericht);
}

function stopXml(identificatie: string, dagtekening: string, lines: StopLine[], who = bsn): string {
  const bericht: Berichten["JW307"] = {
    Header: providerHeader("JW307", { gemeente: GEMEENTE, agb: AGB }, { identificatie, dagtekening }),
    Client: {
      ...client(who),
      StopProducten: {
        StopProduct: lines.map((l) => ({
          ...lineOf(l),
          RedenBeeindiging: l.reden,
          Einddatum: l.end,
          StatusAanlevering: l.status ?? "1",
        })),
      },
    },
  };
  return writeMessage("JW307", bericht);
}

describe.each(engines)("start and stop of care on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let nummer: number;
  let allocationNumber: string;
  let sent = 0;

  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addGgzProvider(store);
    const vot = votXml({
      identificatie: "VOT-1",
      dagtekening: "2026-03-02",
      bsn,
      products: [
        {
          ref: "REF-1",
          ...GGZ,
          start: "2026-03-09",
          end: "2026-12-31",
          omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
        },
      ],
    });
    expect((await importMessage(store, bytes(vot), exchangeContext("2026-03-02"))).status).toBe("verwerkt");
    await markExported(
      store,
      (await pendingOutgoing(store)).map((m) => m.id),
    );
    allocationNumber = (await listAllocations(store, {}))[0]!.number;
    nummer = toewijzingNummer(allocationNumber);
    // As long as a test may take: the first VOT compiles the region model.
  }, 60_000);
  afterEach(() => done());

  /** Import a message on a day; the outcome and its retour, read back (the outbox is emptied). */
  async function send(xml: string, today: string) {
    const outcome = await importMessage(store, bytes(xml), exchangeContext(today));
    const out = await outbox(store);
    await markExported(
      store,
      out.map((m) => m.id),
    );
    return { outcome, retour: out[0] };
  }
  const start = (today: string, lines: Line[], who = bsn) =>
    send(startXml(`START-${++sent}`, today, lines, who), today);
  const stop = (today: string, lines: StopLine[], who = bsn) =>
    send(stopXml(`STOP-${++sent}`, today, lines, who), today);

  const startCodes = (r: Awaited<ReturnType<typeof send>>) =>
    (r.retour!.bericht as Berichten["JW306"]).Client?.StartProducten.StartProduct.map((p) =>
      p.RetourCodes.RetourCode.join(","),
    );
  const stopCodes = (r: Awaited<ReturnType<typeof send>>) =>
    (r.retour!.bericht as Berichten["JW308"]).Client?.StopProducten.StopProduct.map((p) =>
      p.RetourCodes.RetourCode.join(","),
    );
  const reports = () =>
    store.db
      .selectFrom("delivery_report")
      .select(["kind", "allocation_id", "begin_date", "end_date", "reason", "withdrawn_on"])
      .orderBy("created_at")
      .orderBy("kind")
      .execute();
  const periods = () =>
    store.db
      .selectFrom("delivery")
      .select(["started_on", "stopped_on", "stop_reason"])
      .orderBy("started_on")
      .execute();

  /** A refused message: its retour carries the codes per product, and not one report was written. */
  async function expectRefused(
    result: Promise<Awaited<ReturnType<typeof send>>>,
    kind: "start" | "stop",
    codes: string[],
  ) {
    const before = await reports();
    const r = await result;
    expect(r.outcome.status).toBe("afgekeurd");
    expect(r.retour!.type).toBe(kind === "start" ? "JW306" : "JW308");
    expect(kind === "start" ? startCodes(r) : stopCodes(r)).toEqual(codes);
    expect(await reports()).toEqual(before);
  }

  it("a start, then a stop: both recorded with an empty retour, and both reports are on time", async () => {
    const started = await start("2026-03-12", [{ nummer, begin: "2026-03-10" }]);
    expect(started.outcome.status).toBe("verwerkt");
    expect(started.retour!.type).toBe("JW306");
    expect((started.retour!.bericht as Berichten["JW306"]).Client).toBeUndefined();
    expect(started.outcome.reasons).toEqual([`start ${allocationNumber} per 2026-03-10 vastgelegd`]);
    const stopped = await stop("2026-07-02", [
      { nummer, begin: "2026-03-10", reden: "31", end: "2026-06-30" },
    ]);
    expect(stopped.outcome.status).toBe("verwerkt");
    expect(stopped.retour!.type).toBe("JW308");
    expect(await periods()).toEqual([
      { started_on: "2026-03-10", stopped_on: "2026-06-30", stop_reason: "31" },
    ]);
    const deadlines = (await registryDeadlines(store)).filter((d) => d.subjectId === allocationNumber);
    expect(deadlines.map((d) => [d.kind, d.from, d.due, d.doneOn])).toEqual([
      ["melding-start", "2026-03-10", "2026-03-17", "2026-03-12"],
      ["melding-stop", "2026-06-30", "2026-07-07", "2026-07-02"],
    ]);
  });

  it("a temporary stop (reden 20), then a restart: two delivery periods on one allocation", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    const paused = await stop("2026-04-16", [
      { nummer, begin: "2026-03-10", reden: "20", end: "2026-04-15" },
    ]);
    expect(paused.outcome.reasons).toEqual([
      `tijdelijke stop ${allocationNumber} per 2026-04-15 (reden 20) vastgelegd`,
    ]);
    expect((await start("2026-05-01", [{ nummer, begin: "2026-05-01" }])).outcome.status).toBe("verwerkt");
    expect(
      (await stop("2026-06-30", [{ nummer, begin: "2026-05-01", reden: "31", end: "2026-06-30" }])).outcome
        .status,
    ).toBe("verwerkt");
    expect(await periods()).toEqual([
      { started_on: "2026-03-10", stopped_on: "2026-04-15", stop_reason: "20" },
      { started_on: "2026-05-01", stopped_on: "2026-06-30", stop_reason: "31" },
    ]);
    const starts = (await registryDeadlines(store)).filter((d) => d.kind === "melding-start");
    expect(starts.map((d) => d.from)).toEqual(["2026-03-10", "2026-05-01"]);
  });

  it("a temporary stop, then a definitive stop without a new start: the period ends definitively", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await stop("2026-04-16", [{ nummer, begin: "2026-03-10", reden: "20", end: "2026-04-15" }]);
    const ended = await stop("2026-05-04", [{ nummer, begin: "2026-03-10", reden: "35", end: "2026-05-01" }]);
    expect(ended.outcome.status).toBe("verwerkt");
    expect(await periods()).toEqual([
      { started_on: "2026-03-10", stopped_on: "2026-05-01", stop_reason: "35" },
    ]);
    // Its term runs from when it became known to be definitive, which no message says: no deadline is judged.
    const stops = (await registryDeadlines(store)).filter((d) => d.kind === "melding-stop");
    expect(stops.map((d) => d.from)).toEqual(["2026-04-15"]);
  });

  it("a correction deletes the start (StatusAanlevering 3) and sends the right one, also in one message", async () => {
    await start("2026-03-12", [{ nummer, begin: "2026-03-10" }]);
    const deleted = await start("2026-03-13", [{ nummer, begin: "2026-03-10", status: "3" }]);
    expect(deleted.outcome.reasons).toEqual([
      `start ${allocationNumber} met begindatum 2026-03-10 verwijderd`,
    ]);
    expect(await periods()).toEqual([]);
    await start("2026-03-13", [{ nummer, begin: "2026-03-11" }]);
    const both = await start("2026-03-16", [
      { nummer, begin: "2026-03-11", status: "3" },
      { nummer, begin: "2026-03-12" },
    ]);
    expect(both.outcome.status).toBe("verwerkt");
    expect(await periods()).toEqual([{ started_on: "2026-03-12", stopped_on: null, stop_reason: null }]);
    // The deleted reports stay, marked withdrawn.
    expect((await reports()).filter((r) => r.withdrawn_on !== null).map((r) => r.begin_date)).toEqual([
      "2026-03-10",
      "2026-03-11",
    ]);
  });

  it("a stop is corrected the same way: delete it, then send it again", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await stop("2026-07-01", [{ nummer, begin: "2026-03-10", reden: "31", end: "2026-06-30" }]);
    await stop("2026-07-02", [{ nummer, begin: "2026-03-10", reden: "31", end: "2026-06-30", status: "3" }]);
    expect(await periods()).toEqual([{ started_on: "2026-03-10", stopped_on: null, stop_reason: null }]);
    await stop("2026-07-02", [{ nummer, begin: "2026-03-10", reden: "34", end: "2026-06-29" }]);
    expect(await periods()).toEqual([
      { started_on: "2026-03-10", stopped_on: "2026-06-29", stop_reason: "34" },
    ]);
  });

  it("9019: an unknown ToewijzingNummer refuses the whole message, on the product it concerns", async () => {
    await expectRefused(
      start("2026-03-12", [
        { nummer, begin: "2026-03-10" },
        { nummer: nummer + 1000, begin: "2026-03-10" },
      ]),
      "start",
      ["0200", "9019"],
    );
    expect(await periods()).toEqual([]);
  });

  it("9019: the allocation of another client is not linkable", async () => {
    await expectRefused(start("2026-03-12", [{ nummer, begin: "2026-03-10" }], otherBsn), "start", ["9019"]);
    expect(await store.db.selectFrom("client").select("id").execute()).toHaveLength(1);
  });

  it("9019: the product must be the allocation's product (IV075)", async () => {
    await expectRefused(
      start("2026-03-12", [{ nummer, product: { category: "54", code: "54002" }, begin: "2026-03-10" }]),
      "start",
      ["9019"],
    );
    await expectRefused(start("2026-03-12", [{ nummer, product: null, begin: "2026-03-10" }]), "start", [
      "9019",
    ]);
  });

  it("9019: a start outside the allocation's period is not linkable to it", async () => {
    await expectRefused(start("2026-03-12", [{ nummer, begin: "2026-03-02" }]), "start", ["9019"]);
  });

  it("9019: without a ToewijzingNummer, while the product is allocated (not task-based)", async () => {
    await expectRefused(start("2026-03-12", [{ nummer: null, begin: "2026-03-10" }]), "start", ["9019"]);
  });

  it("9326: a new start while the current start has no stop", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await expectRefused(start("2026-03-20", [{ nummer, begin: "2026-03-20" }]), "start", ["9326"]);
  });

  it("9074: the same start again in another message (key already received)", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await expectRefused(start("2026-03-11", [{ nummer, begin: "2026-03-10" }]), "start", ["9074"]);
  });

  it("9069: a stop without a current start with the same Begindatum", async () => {
    await expectRefused(
      stop("2026-04-01", [{ nummer, begin: "2026-03-10", reden: "31", end: "2026-03-31" }]),
      "stop",
      ["9069"],
    );
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await expectRefused(
      stop("2026-04-01", [{ nummer, begin: "2026-03-11", reden: "31", end: "2026-03-31" }]),
      "stop",
      ["9069"],
    );
  });

  it("9063: deleting a start or a stop that was never received", async () => {
    await expectRefused(start("2026-03-12", [{ nummer, begin: "2026-03-10", status: "3" }]), "start", [
      "9063",
    ]);
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await expectRefused(
      stop("2026-04-01", [{ nummer, begin: "2026-03-10", reden: "31", end: "2026-03-31", status: "3" }]),
      "stop",
      ["9063"],
    );
  });

  it("9071: a start with a stop cannot be deleted", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await stop("2026-04-01", [{ nummer, begin: "2026-03-10", reden: "31", end: "2026-03-31" }]);
    await expectRefused(start("2026-04-02", [{ nummer, begin: "2026-03-10", status: "3" }]), "start", [
      "9071",
    ]);
  });

  it("9413: a second temporary stop without a start in between", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await stop("2026-04-16", [{ nummer, begin: "2026-03-10", reden: "20", end: "2026-04-15" }]);
    await expectRefused(
      stop("2026-04-21", [{ nummer, begin: "2026-03-10", reden: "20", end: "2026-04-20" }]),
      "stop",
      ["9413"],
    );
  });

  it("9414: a definitive stop may not end before the temporary stop", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await stop("2026-04-16", [{ nummer, begin: "2026-03-10", reden: "20", end: "2026-04-15" }]);
    await expectRefused(
      stop("2026-04-21", [{ nummer, begin: "2026-03-10", reden: "31", end: "2026-04-10" }]),
      "stop",
      ["9414"],
    );
  });

  it("9415: a second definitive stop", async () => {
    await start("2026-03-10", [{ nummer, begin: "2026-03-10" }]);
    await stop("2026-07-01", [{ nummer, begin: "2026-03-10", reden: "31", end: "2026-06-30" }]);
    await expectRefused(
      stop("2026-07-02", [{ nummer, begin: "2026-03-10", reden: "34", end: "2026-07-01" }]),
      "stop",
      ["9415"],
    );
  });

  it("the same file twice has one effect; the second gets retour code 9056", async () => {
    const file = startXml("START-TWICE", "2026-03-12", [{ nummer, begin: "2026-03-10" }]);
    expect((await send(file, "2026-03-12")).outcome.status).toBe("verwerkt");
    const again = await send(file, "2026-03-12");
    expect(again.outcome.status).toBe("dubbel");
    expect((again.retour!.bericht as Berichten["JW306"]).Header.RetourCodes?.RetourCode).toEqual(["9056"]);
    expect(await reports()).toHaveLength(1);
  });

  it("task-based: without an allocation the key is Product + Begindatum, and the client is registered", async () => {
    const jeugdhulp = { category: "45", code: "45A03" };
    const first = await start(
      "2026-03-12",
      [{ nummer: null, product: jeugdhulp, begin: "2026-03-10" }],
      otherBsn,
    );
    expect(first.outcome.status).toBe("verwerkt");
    expect(first.outcome.reasons).toEqual(["start taakgericht product 45/45A03 per 2026-03-10 vastgelegd"]);
    expect(await store.db.selectFrom("client").select("id").execute()).toHaveLength(2);
    // One current start per product: another product may start beside it, the same one may not.
    expect(
      (
        await start(
          "2026-03-12",
          [{ nummer: null, product: { category: "45" }, begin: "2026-03-11" }],
          otherBsn,
        )
      ).outcome.status,
    ).toBe("verwerkt");
    await expectRefused(
      start("2026-03-20", [{ nummer: null, product: jeugdhulp, begin: "2026-03-20" }], otherBsn),
      "start",
      ["9326"],
    );
    const ended = await stop(
      "2026-05-01",
      [{ nummer: null, product: jeugdhulp, begin: "2026-03-10", reden: "31", end: "2026-04-30" }],
      otherBsn,
    );
    expect(ended.outcome.status).toBe("verwerkt");
    const rows = (await reports()).filter((r) => r.allocation_id === null);
    expect(rows.map((r) => [r.kind, r.begin_date, r.end_date])).toEqual([
      ["start", "2026-03-10", null],
      ["start", "2026-03-11", null],
      ["stop", "2026-03-10", "2026-04-30"],
    ]);
    // Task-based care has no allocation, so it has no start or stop deadline.
    expect((await registryDeadlines(store)).filter((d) => d.kind === "melding-stop")).toEqual([]);
  });
});
