import type { ModelIssue, ModelLoadError, RegionModel } from "../load.ts";
import { referenceIssues } from "../references.ts";
import { type Finding, finding } from "./finding.ts";

/**
 * The first two checks: can the model be read at all (YAML and schema, with file and line), and does
 * every reference point at something that exists (facts, parameters, segments, products, sources)?
 */

function place(issue: ModelIssue) {
  return { ...(issue.file ? { file: issue.file } : {}), ...(issue.line ? { line: issue.line } : {}) };
}

/** Every issue of a model that could not be loaded: YAML syntax, the file format, or the merge with the baseline. */
export function loadErrorFindings(error: ModelLoadError): Finding[] {
  return error.issues.map((issue) => {
    const yaml = issue.message.startsWith("YAML:");
    const message = yaml
      ? `De YAML is niet goed gevormd: ${issue.message.replace(/^YAML:\s*/, "")}`
      : `${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
    return finding("error", yaml ? "YAML_ERROR" : "SCHEMA_ERROR", message, place(issue));
  });
}

/** Unknown references, and outputs a rule of its kind must have but lacks ('then.segment' ontbreekt). */
export function referenceFindings(model: RegionModel): Finding[] {
  return referenceIssues(model).map((issue) => {
    // references.ts reports both kinds as messages; its wording for a missing output is "... ontbreekt".
    const missingOutput = /'then\.[a-zA-Z]+' ontbreekt/.test(issue.message);
    return finding(
      "error",
      missingOutput ? "MISSING_OUTPUT" : "UNKNOWN_REFERENCE",
      `${issue.message[0]?.toUpperCase() ?? ""}${issue.message.slice(1)}.`,
      place(issue),
    );
  });
}
