import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { receiveAtProvider } from "../src/ijw/provider-side.ts";
import type { Store } from "../src/store/database.ts";
import { ijwDeadlines, importMessage, pendingOutgoing } from "../src/store/ijw.ts";
import {
  addGgzProvider,
  AGB,
  bytes,
  exchangeContext,
  GGZ,
  type RequestedProduct,
  votXml,
} from "./support/ijw.ts";
import { engines, freshStore } from "./support/stores.ts";

const [bsn = ""] = testBsns(1, 91);
const weekly = { Volume: 2, Eenheid: "04", Frequentie: "2" };

describe.each(engines)("the deadlines of the iJw standard on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addGgzProvider(store);
  });
  afterEach(() => done());

  /** A VOT sent and imported on 2 April 2026: 2 hours a week of ggz from 6 April to the end of the year. */
  const requestOn2April = (identificatie: string, product: Omit<RequestedProduct, "start">) =>
    importMessage(
      store,
      bytes(
        votXml({
          identificatie,
          dagtekening: "2026-04-02",
          bsn,
          products: [{ ...GGZ, start: "2026-04-06", end: "2026-12-31", omvang: weekly, ...product }],
        }),
      ),
      exchangeContext("2026-04-02"),
    );

  it("a request is answered within 5 working days; one in onderzoek gets its final answer within 8 weeks", async () => {
    await requestOn2April("V1", { ref: "R1", verwijzer: { Type: "06" } });
    const list = await ijwDeadlines(store);
    expect(list.find((d) => d.kind === "antwoord-verzoek")).toMatchObject({
      subjectId: `${AGB}/R1`,
      from: "2026-04-02",
      due: "2026-04-13",
      doneOn: "2026-04-02",
    });
    const research = list.find((d) => d.kind === "besluit-na-onderzoek")!;
    expect(research).toMatchObject({ due: "2026-05-28" });
    expect(research.doneOn).toBeUndefined();
  });

  it("every JW301 and JW319 sent waits for its retour for 3 working days; the retour closes it", async () => {
    await requestOn2April("V2", { ref: "R2" });
    const waiting = (await ijwDeadlines(store)).filter((d) => d.kind === "retour-ontvangen");
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ from: "2026-04-02", due: "2026-04-09" });
    expect(waiting[0]!.doneOn).toBeUndefined();
    const jw301 = (await pendingOutgoing(store)).find((m) => m.type === "JW301")!;
    const retour = receiveAtProvider(jw301.xml, {
      agb: AGB,
      today: "2026-04-07",
      identificatie: "R-9",
    }).retour!;
    await importMessage(store, bytes(retour.xml), exchangeContext("2026-04-07"));
    const closed = (await ijwDeadlines(store)).find((d) => d.kind === "retour-ontvangen")!;
    expect(closed.doneOn).toBe("2026-04-07");
  });
});
