import type { Finding, Severity } from "./finding.ts";

/** Prints findings one per line ("fout file:line [CODE] message") and a Dutch summary line. */

const severityWord: Record<Severity, string> = { error: "fout", warning: "waarschuwing", info: "info" };

function where(f: Finding): string {
  if (!f.file) return "(model)";
  return f.line ? `${f.file}:${f.line}` : f.file;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatFinding(f: Finding): string {
  return `${severityWord[f.severity]} ${where(f)} [${f.code}] ${f.message}`;
}

export function summaryLine(findings: Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  if (findings.length === 0) return "Samenvatting: geen fouten, geen waarschuwingen.";
  return `Samenvatting: ${count(n("error"), "fout", "fouten")}, ${count(n("warning"), "waarschuwing", "waarschuwingen")} en ${count(n("info"), "melding", "meldingen")} ter info.`;
}

export function formatFindings(findings: Finding[]): string {
  return [...findings.map(formatFinding), summaryLine(findings)].join("\n");
}
