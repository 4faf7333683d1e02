/**
 * A finding of the static checker: what is wrong (or worth a look) in a region model, where, and in
 * plain Dutch. Codes are stable identifiers for tools and tests; the message is for the policy advisor.
 */

export type Severity = "error" | "warning" | "info";

export interface Finding {
  severity: Severity;
  code: string;
  /** Dutch, B1: short sentences a policy advisor understands without knowing the engine. */
  message: string;
  /** Path relative to the regions root, e.g. hart-van-brabant/decisions/route.yaml. */
  file?: string;
  line?: number;
  rule?: string;
  decision?: string;
}

/** Where something lives in the model files. */
export interface Place {
  file?: string;
  line?: number;
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by file and line; equal keys keep their order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        severityRank[a.f.severity] - severityRank[b.f.severity] ||
        (a.f.file ?? "").localeCompare(b.f.file ?? "") ||
        (a.f.line ?? 0) - (b.f.line ?? 0) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

/** Builds a finding without undefined keys, so findings compare and print cleanly. */
export function finding(
  severity: Severity,
  code: string,
  message: string,
  where: Place & { rule?: string; decision?: string } = {},
): Finding {
  const f: Finding = { severity, code, message };
  if (where.file !== undefined) f.file = where.file;
  if (where.line !== undefined) f.line = where.line;
  if (where.rule !== undefined) f.rule = where.rule;
  if (where.decision !== undefined) f.decision = where.decision;
  return f;
}
