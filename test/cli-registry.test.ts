import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { listAudit } from "../src/store/audit.ts";
import { openStore, storeOptionsFromEnv } from "../src/store/database.ts";
import { captureCli } from "./support/capture.ts";

/** The registry through the CLI, on PGlite in a data folder of its own. */

const root = join(import.meta.dirname, "..");
let dir: string;
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wegwijzer-cli-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const [bsn] = testBsns(1, 3);
  writeFileSync(join(dir, "client.json"), JSON.stringify({ bsn }));
  writeFileSync(join(dir, "bad-client.json"), JSON.stringify({ bsn: "999999991" }));
  writeFileSync(
    join(dir, "provider.json"),
    JSON.stringify({
      agb: "12345678",
      name: "GGZ-aanbieder (fictief)",
      contracts: [
        { regionId: "hart-van-brabant", segment: "4", purchaseArea: "regio-3", validFrom: "2023-01-01" },
      ],
    }),
  );
});
afterAll(() => {
  process.env.DATA_DIR = saved.DATA_DIR;
  if (saved.DATABASE_URL) process.env.DATABASE_URL = saved.DATABASE_URL;
  if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});
const { io, cli, json } = captureCli();

/** `referral create` in Hart van Brabant for an example case and a client file in the data folder. */
const refer = (example: string, clientFile: string, ...extra: string[]) =>
  cli(
    "referral",
    "create",
    "--region",
    "hart-van-brabant",
    "--case",
    join(root, "examples", example),
    "--client",
    join(dir, clientFile),
    ...extra,
  );

describe("the registry from the command line", { timeout: 120_000 }, () => {
  it("records a referral once, allocates, lists the deadline, and ends the allocation", async () => {
    expect(await cli("db", "migrate")).toBe(0);
    expect(io.out.join("")).toContain("pglite");
    expect(await cli("provider", "add", "--file", join(dir, "provider.json"))).toBe(0);
    io.out = [];

    const referral = () => refer("segment-4-enkelvoudig.json", "client.json", "--format", "json");
    expect(await referral()).toBe(0);
    const first = json();
    expect(first).toMatchObject({ created: true, segments: ["4"] });
    io.out = [];
    expect(await referral()).toBe(0);
    expect(json()).toMatchObject({ id: first.id, created: false });

    io.out = [];
    const allocate = [
      "allocation",
      "create",
      "--referral",
      first.id,
      "--segment",
      "4",
      "--product",
      "ggz-specialistisch",
    ];
    const period = [
      "--provider",
      "12345678",
      "--start",
      "2026-11-09",
      "--end",
      "2027-11-08",
      "--volume",
      "210",
      "--unit",
      "04",
      "--frequency",
      "6",
    ];
    expect(await cli(...allocate, ...period, "--format", "json")).toBe(0);
    const allocation = json().allocation;
    expect(allocation).toMatchObject({ segment: "4", status: "actief", taskBased: false });

    io.out = [];
    expect(
      await cli(...allocate, "--provider", "12345678", "--start", "2027-01-01", "--end", "2027-06-30"),
    ).toBe(2);
    expect(io.err.join("\n")).toContain("overlapt met toewijzing");

    io.out = [];
    expect(await cli("allocation", "list")).toBe(0);
    expect(io.out.join("\n")).toContain(allocation.number);

    io.out = [];
    expect(
      await cli("allocation", "end", allocation.number, "--date", "2027-03-31", "--reason", "doel bereikt"),
    ).toBe(0);
    io.out = [];
    expect(await cli("allocation", "show", allocation.number)).toBe(0);
    expect(json()).toMatchObject({ status: "beeindigd", endDate: "2027-03-31", endReason: "doel bereikt" });

    io.out = [];
    expect(await cli("client", "find", "--client", join(dir, "client.json"))).toBe(0);
    const found = json() as { id: string };
    expect(found).toMatchObject({ municipality: "0785", birthDate: "2015-01-20" });
    expect(io.out.join("")).not.toMatch(/999\d{6}/);

    // Reading personal data from the command line is logged too: the system as actor, per client.
    const store = await openStore(storeOptionsFromEnv());
    try {
      const reads = await listAudit(store.db, { clientId: found.id });
      expect(reads.filter((r) => r.actorId === null && r.action === "lezen").map((r) => r.resource)).toEqual(
        expect.arrayContaining(["toewijzing", "client"]),
      );
      expect(reads.every((r) => r.purpose === "beheer" || r.action !== "lezen")).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("lists the start-of-care deadline of a segment 1 referral, overdue when the date has passed", async () => {
    expect(await refer("segment-1-huisarts.json", "client.json")).toBe(0);
    io.out = [];
    expect(await cli("deadlines", "--today", "2026-12-20")).toBe(0);
    expect(io.out.join("\n")).toMatch(/TE LAAT\s+2026-12-14\s+gemeente 0855\s+Start van de zorg/);
    io.out = [];
    expect(await cli("deadlines", "--due-before", "2026-12-01", "--today", "2026-11-20")).toBe(0);
    expect(io.out.join("\n")).toBe("Geen open termijnen.");
  });

  it("records a decision and keeps an allocation within it", async () => {
    expect(await refer("segment-4-enkelvoudig.json", "client.json", "--format", "json")).toBe(0);
    const referralId = JSON.parse(io.out.join("\n")).id;
    io.out = [];
    expect(
      await cli(
        "decision",
        "create",
        "--referral",
        referralId,
        "--date",
        "2026-11-05",
        "--segments",
        "4",
        "--from",
        "2027-12-01",
        "--to",
        "2028-06-30",
        "--by",
        "Toegang Goirle",
      ),
    ).toBe(0);
    const decisionId = /Beschikking vastgelegd: ([0-9a-f-]{36})/.exec(io.out.join("\n"))?.[1] ?? "";
    expect(io.out.join("\n")).toContain("volgens het advies");
    io.out = [];
    const allocate = [
      "allocation",
      "create",
      "--referral",
      referralId,
      "--decision",
      decisionId,
      "--segment",
      "4",
      "--product",
      "ggz-specialistisch",
      "--provider",
      "12345678",
    ];
    expect(await cli(...allocate, "--start", "2028-07-01", "--end", "2028-09-30")).toBe(2);
    expect(io.err.join("\n")).toContain("buiten de geldigheid van de beschikking");
    expect(await cli(...allocate, "--start", "2027-12-01", "--end", "2028-06-30")).toBe(0);
  });

  it("records a family and says who coordinates at family level", async () => {
    const [a, b] = testBsns(2, 99);
    writeFileSync(join(dir, "gezin.json"), JSON.stringify({ bsns: [a, b] }));
    expect(
      await cli("family", "create", "--municipality", "0785", "--members", join(dir, "gezin.json")),
    ).toBe(0);
    const id = /Gezin vastgelegd: ([0-9a-f-]{36})/.exec(io.out.join("\n"))?.[1] ?? "";
    io.out = [];
    expect(
      await cli("family", "coordinator", id, "--region", "hart-van-brabant", "--date", "2026-12-01"),
    ).toBe(0);
    expect(io.out.join("\n")).toContain("Geen coördinator op gezinsniveau nodig");
    expect(io.out.join("\n")).not.toMatch(/999\d{6}/);
  });

  it("lists a region's municipalities on a date and says when a municipality belongs to no region", async () => {
    expect(
      await cli("municipality", "list", "--region", "een-10-voor-de-jeugd", "--date", "2021-12-31"),
    ).toBe(0);
    expect(io.out.join("\n")).toContain("Helmond");
    expect(io.out.join("\n")).not.toContain("Veldhoven");
    io.out = [];
    expect(await cli("municipality", "show", "0861", "--date", "2021-12-31")).toBe(0);
    expect(io.out.join("\n")).toContain("een-10-voor-de-jeugd): 2022-01-01 t/m open");
    expect(io.out.join("\n")).toContain("Op 2021-12-31 hoort Veldhoven bij geen regio in het register.");
    io.out = [];
    expect(await cli("municipality", "show", "0861", "--date", "2022-01-01")).toBe(0);
    expect(io.out.join("\n")).toContain("Op 2022-01-01 hoort Veldhoven bij Een 10 voor de jeugd");
    expect(await cli("municipality", "show", "9999")).toBe(2);
    expect(io.err.join("\n")).toContain("Onbekende gemeente '9999'");
    expect(await cli("municipality", "list", "--region", "bestaat-niet")).toBe(2);
    expect(await cli("municipality", "list", "--date", "2021-02-30")).toBe(2);
  });

  it("refuses a BSN that fails the 11-proef with exit code 2 and never prints it", async () => {
    expect(await refer("segment-4-enkelvoudig.json", "bad-client.json")).toBe(2);
    expect(io.err.join("\n")).toContain("elfproef");
    expect(io.err.join("\n")).not.toContain("999999991");
  });
});
