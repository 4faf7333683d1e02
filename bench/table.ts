import { cpus, loadavg } from "node:os";

/**
 * The bench table (issue 9): every row puts a figure of ours next to a peer's or a limit's measured in
 * the same run, with their ratio. The parts (bench/ijw.ts, bench/http.ts, bench/startup.ts, and item 1,
 * the advice against other rule engines, still to come) each return rows; main.ts prints one table.
 */

/** A measured figure with its unit ("msg/s", "req/s", "ms"). */
export interface Figure {
  value: number;
  unit: string;
}

export interface Row {
  /** The part the row belongs to: "advice" (item 1), "ijw" (2), "http" (3), "startup" (4). */
  part: PartName;
  /** A stable id, for --json readers and the test ("ijw.jw315.pglite"). */
  id: string;
  /** What of ours is measured. */
  measure: string;
  ours: Figure;
  /** The peer or limit it is set against. */
  peer: string;
  peerFigure: Figure;
  /** Whether a higher figure is better (throughput) or a lower one (time). */
  better: "higher" | "lower";
  /** How the figures were taken (counts, duration, statistic), short. */
  basis: string;
}

/** Issue 9's items: advice (1) is reserved for the rule-engine comparison another change adds. */
export const PART_NAMES = ["advice", "ijw", "http", "startup"] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface BenchOptions {
  /** Small counts and short runs: a smoke test that the bench works, not figures to quote. */
  quick: boolean;
  /** Progress lines go here (stderr), so stdout holds only the header and the table. */
  log: (line: string) => void;
}

/** ours ÷ peer: for throughput the share of the peer's rate we reach, for times how many times longer we take. */
export function ratioOf(row: Pick<Row, "ours" | "peerFigure">): number {
  return row.ours.value / row.peerFigure.value;
}

/** The q-quantile (0..1) of a sample by the nearest-rank method: always a value that was measured. */
export function percentile(sample: readonly number[], q: number): number {
  if (sample.length === 0) throw new RangeError("percentile of an empty sample");
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (sample: readonly number[]) => percentile(sample, 0.5);

/** Milliseconds a call takes, by the monotonic clock. */
export async function timeMs(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Three significant figures, with thousands separators: enough to compare, no false precision. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  const rounded = Number(value.toPrecision(3));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatRatio(ratio: number): string {
  return `${formatNumber(ratio)}×`;
}

export interface Machine {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  /** The 1-minute load average when the bench started: how busy the machine was with other work. */
  loadAverage: number;
}

export function machine(): Machine {
  const list = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
}

export function formatMachine(m: Machine): string[] {
  return [
    `Date: ${m.date}`,
    `Node: ${m.node}`,
    `CPU: ${m.cpu} (${m.cores} cores)`,
    `Load average at start (1 min): ${m.loadAverage}`,
  ];
}

const escapeCell = (s: string) => s.replaceAll("|", "\\|");

/**
 * The rows as one Markdown table (readable in a terminal, and pasted as-is into the README). The ratio
 * is ours ÷ peer; the "better" column says which way is good, so 0.5× on req/s and 2× on ms both mean
 * "half as good".
 */
export function formatTable(rows: readonly Row[]): string {
  const header = [
    "part",
    "measure (ours)",
    "ours",
    "peer or limit",
    "peer",
    "ours ÷ peer",
    "better",
    "basis",
  ];
  const body = rows.map((r) => [
    r.part,
    r.measure,
    `${formatNumber(r.ours.value)} ${r.ours.unit}`,
    r.peer,
    `${formatNumber(r.peerFigure.value)} ${r.peerFigure.unit}`,
    formatRatio(ratioOf(r)),
    r.better,
    r.basis,
  ]);
  const lines = [header, ...body].map((cells) => cells.map(escapeCell));
  const widths = header.map((_, i) => Math.max(...lines.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    line(lines[0]!),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...lines.slice(1).map(line),
  ].join("\n");
}
