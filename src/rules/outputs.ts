import type { Then } from "./model-schema.ts";

/**
 * What a row decides, for comparing two rows that both apply. The same fields as the engine's own
 * comparison: segment, eligible, route.referTo, coordinator, level, code, profile and intensity.
 * Texts such as the explanation or the products do not count. The engine uses the same key.
 */
export function outputKey(then: Then): string {
  return JSON.stringify([
    then.segment ?? null,
    then.eligible ?? null,
    then.route?.referTo ?? null,
    then.coordinator ?? null,
    then.level ?? null,
    then.code ?? null,
    then.profile ?? null,
    then.intensity ?? null,
  ]);
}

/** The outcome of a row in a few words: "segment 5", "geen jeugdhulp (LEEFTIJD)", "route naar het CIT". */
export function describeOutput(then: Then): string {
  const parts: string[] = [];
  if (then.segment !== undefined) parts.push(`segment ${then.segment}`);
  if (then.eligible === false) parts.push(`geen jeugdhulp${then.code ? ` (${then.code})` : ""}`);
  else if (then.eligible === true) parts.push("wel jeugdhulp");
  if (then.profile !== undefined) parts.push(`profiel ${then.profile}`);
  if (then.intensity !== undefined) parts.push(`intensiteit ${then.intensity}`);
  if (then.route) parts.push(`route naar ${then.route.referTo}`);
  if (then.coordinator)
    parts.push(`coördinatie door ${then.coordinator}${then.level ? ` (${then.level})` : ""}`);
  if (then.code && then.eligible === undefined) parts.push(`melding ${then.code}`);
  return parts.join(", ") || "geen uitkomst";
}
