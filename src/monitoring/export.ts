import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { CellValue, Report } from "./reports.ts";

/**
 * A report as CSV, XLSX or a text table. CSV is for programs: RFC 4180 (comma, decimal point, the
 * column ids as header), UTF-8 with a BOM so a spreadsheet reads "cliënten" right; an empty field is a
 * hidden or absent figure. XLSX is for people: the column titles, numbers as numbers, and a second
 * sheet with what the figures mean. No I/O: the caller writes the bytes.
 */

export type ReportFormat = "json" | "csv" | "xlsx";

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: "application/json",
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function toCsv(report: Report): Buffer {
  const header = report.kolommen.map((c) => c.id);
  const rows = report.rijen.map((r) => report.kolommen.map((c) => r[c.id] ?? null));
  return Buffer.from(stringify([header, ...rows], { bom: true, record_delimiter: "\r\n" }), "utf8");
}

export async function toXlsx(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Wegwijzer";
  const sheet = workbook.addWorksheet("Rapport");
  sheet.addRow(report.kolommen.map((c) => c.titel)).font = { bold: true };
  for (const r of report.rijen) sheet.addRow(report.kolommen.map((c) => r[c.id] ?? null));
  report.kolommen.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(40, Math.max(12, c.titel.length + 2));
    if (c.soort === "bedrag") column.numFmt = "#,##0.00";
  });
  const about = workbook.addWorksheet("Toelichting");
  about.getColumn(1).width = 120;
  for (const line of [
    report.titel,
    `Jaar: ${report.jaar}`,
    `Regio: ${report.regio ?? "alle regio's"}`,
    `Peildatum: ${report.peildatum}`,
    `Aantallen kleiner dan ${report.kleinsteAantal} zijn verborgen (lege cel); rijen over minder dan ${report.kleinsteAantal} cliënten zijn weggelaten.`,
    "",
    ...report.toelichting,
  ])
    about.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const show = (v: CellValue): string =>
  v === null ? "–" : typeof v === "number" ? v.toLocaleString("nl-NL", { maximumFractionDigits: 2 }) : v;

/** A plain text table for the terminal, numbers right-aligned. */
export function renderTable(report: Report): string {
  const cols = report.kolommen;
  const cells = report.rijen.map((r) => cols.map((c) => show(r[c.id] ?? null)));
  const widths = cols.map((c, i) => Math.max(c.titel.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (cols[i]!.soort === "tekst" ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [
    `${report.titel} — ${report.jaar}${report.regio ? `, ${report.regio}` : ""} (peildatum ${report.peildatum})`,
    "",
    line(cols.map((c) => c.titel)),
    ...cells.map(line),
    ...(cells.length === 0 ? ["(geen rijen om te tonen)"] : []),
    "",
    `Aantallen kleiner dan ${report.kleinsteAantal} staan als '–'; rijen over minder dan ${report.kleinsteAantal} cliënten zijn weggelaten.`,
    ...report.toelichting,
  ].join("\n");
}
