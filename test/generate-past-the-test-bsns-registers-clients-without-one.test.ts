import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTestBsn } from "../src/domain/bsn.ts";
import type { Store } from "../src/store/database.ts";
import { generateIntoStore, type GenerateSummary } from "../src/store/generate.ts";
import { clientFile } from "../src/store/records.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * A national year has some 500,000 clients and there are only 90,909 test BSNs: the clients past them are
 * registered without a BSN (never with an invented number). Here the limit is set low to see it happen.
 */

describe.each(engines)("a generated year with more clients than test BSNs on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let summary: GenerateSummary;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    summary = await generateIntoStore(store, {
      clients: 30,
      year: 2026,
      seed: 3,
      regions: ["hart-van-brabant"],
      bsnLimit: 20,
    });
  }, 120_000);
  afterAll(async () => done());

  it("gives the first clients a test BSN each and the rest none, and says how many", async () => {
    const rows = await store.db.selectFrom("client").select(["bsn_hmac", "bsn_cipher"]).execute();
    expect(rows).toHaveLength(30);
    const withBsn = rows.filter((r) => r.bsn_cipher !== null);
    expect(withBsn).toHaveLength(20);
    for (const r of withBsn) expect(isTestBsn(store.vault.decrypt(r.bsn_cipher!))).toBe(true);
    expect(rows.filter((r) => r.bsn_hmac === null && r.bsn_cipher === null)).toHaveLength(10);
    expect(summary.clientsWithoutBsn).toBe(10);
  });

  it("opens the file of a client without a BSN for the access team, without a BSN in it", async () => {
    const client = await store.db
      .selectFrom("client")
      .select(["id", "municipality"])
      .where("bsn_cipher", "is", null)
      .executeTakeFirstOrThrow();
    const file = await clientFile(
      {
        store,
        today: "2026-06-01",
        actor: {
          userId: "toegang-x",
          name: "T. X",
          role: "toegang",
          organisation: `gemeente:${client.municipality}`,
          municipality: client.municipality,
        },
      },
      client.id,
    );
    expect(file?.client.id).toBe(client.id);
    expect(file?.client).not.toHaveProperty("bsn");
  });

  it("refuses a client with a BSN hash but no encrypted BSN (half a client)", async () => {
    await expect(
      store.db
        .insertInto("client")
        .values({
          id: "00000000-0000-4000-8000-000000000001",
          municipality: "0855",
          bsn_hmac: "x",
          bsn_cipher: null,
          birth_date: null,
        })
        .execute(),
    ).rejects.toThrow(/client_bsn_whole/);
  });
});
