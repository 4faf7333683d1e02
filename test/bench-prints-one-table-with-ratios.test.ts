import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, it } from "vitest";
import { formatNumber, type Row } from "../bench/table.ts";

/**
 * `npm run bench -- --quick` (issue 9) runs to the end and prints the machine and one table with every
 * row of items 2–4 (and item 1's advice rows, or a line that they are not measured yet): our figure, the
 * peer's or limit's, and their ratio, all numbers. It checks that the bench works, not how fast anything
 * is: the quick counts are too small to quote.
 */

const root = join(import.meta.dirname, "..");
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** The rows of items 2–4, in table order (item 1's rows, with part "advice", come first when built). */
const EXPECTED_ROWS = [
  "ijw.jw315.pglite",
  "ijw.jw323.pglite",
  "ijw.jw315.postgres",
  "ijw.jw323.postgres",
  "http.advice.rps",
  "http.advice.p99",
  "startup.cold",
  "startup.warm",
];

it("prints the machine and one table with every row, each with two figures and their ratio", async () => {
  const folder = mkdtempSync(join(tmpdir(), "wegwijzer-bench-test-"));
  folders.push(folder);
  const json = join(folder, "bench.json");
  const { stdout } = await promisify(execFile)(
    "npm",
    ["run", "--silent", "bench", "--", "--quick", "--json", json],
    {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    },
  );

  expect(stdout).toMatch(/^Date: \d{4}-\d\d-\d\dT/m);
  expect(stdout).toMatch(/^Node: v\d+\./m);
  expect(stdout).toMatch(/^CPU: .+ \(\d+ cores\)$/m);
  const tableLines = stdout.split("\n").filter((l) => l.startsWith("|"));
  expect(
    tableLines.filter((l) => /^\| part\s+\|/.test(l)),
    "one table header",
  ).toHaveLength(1);

  const run = JSON.parse(readFileSync(json, "utf8")) as { quick: boolean; rows: Row[] };
  expect(run.quick).toBe(true);
  expect(run.rows.filter((r) => r.part !== "advice").map((r) => r.id)).toEqual(EXPECTED_ROWS);
  if (!run.rows.some((r) => r.part === "advice"))
    expect(stdout).toContain("Not measured yet: advice (issue 9, item 1).");
  // Header, separator, one line per row.
  expect(tableLines).toHaveLength(2 + run.rows.length);
  for (const [i, row] of run.rows.entries()) {
    for (const figure of [row.ours, row.peerFigure]) {
      expect(Number.isFinite(figure.value) && figure.value > 0, `${row.id}: ${figure.value}`).toBe(true);
      expect(figure.unit, row.id).toMatch(/^\S+$/);
    }
    // The printed line of the row (the table keeps the JSON's order): its measure, both figures with
    // their units, and a ratio.
    const cells = tableLines[2 + i]!.split("|").map((c) => c.trim());
    expect(cells[2], row.id).toBe(row.measure);
    expect(cells[3]).toBe(`${formatNumber(row.ours.value)} ${row.ours.unit}`);
    expect(cells[5]).toBe(`${formatNumber(row.peerFigure.value)} ${row.peerFigure.unit}`);
    expect(cells[6]).toMatch(/^[\d,.]+×$/);
  }
}, 180_000);
