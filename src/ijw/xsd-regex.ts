/**
 * XML Schema regular expressions (XSD part 2, appendix F) as JavaScript ones. An XSD pattern always
 * matches the whole value; `\s` is only space, tab, CR and LF; `.` is any character but CR and LF.
 * Only the constructs the iJw schemas use are supported; anything else is refused when the schema is
 * compiled, never misread at run time.
 */

const XSD_SPACE = " \\t\\n\\r";

/**
 * Patterns whose literal translation backtracks for a very long time on long failing input (nested
 * quantifiers over the same characters). Each is replaced by an equivalent without that risk; the test
 * `ijw-xsd-patterns-match-libxml2` checks the equivalence on generated strings.
 */
const LINEAR_EQUIVALENTS: Record<string, string> = {
  // "at least one character that is not white space"
  "([.\\s]*\\S+[.\\s]*)+": `[^]*?[^${XSD_SPACE}][^]*`,
  // "no line break, and at least one character that is not white space"
  ".*[^\\s].*": `[^\\n\\r]*?[^${XSD_SPACE}][^\\n\\r]*`,
};

export class XsdPatternError extends Error {}

export function translateXsdPattern(pattern: string): string {
  const linear = LINEAR_EQUIVALENTS[pattern];
  return linear ?? literalTranslation(pattern);
}

export function literalTranslation(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[i + 1];
      i++;
      if (next === "s") out += inClass ? XSD_SPACE : `[${XSD_SPACE}]`;
      else if (next === "S") {
        if (inClass)
          throw new XsdPatternError(`\\S binnen een tekenklasse wordt niet ondersteund: ${pattern}`);
        out += `[^${XSD_SPACE}]`;
      } else if (next === "d") out += "\\p{Nd}";
      else if (next !== undefined && "\\.-^$[](){}|?*+nrt".includes(next)) out += `\\${next}`;
      else throw new XsdPatternError(`onbekende escape \\${next ?? ""} in patroon ${pattern}`);
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      // A literal dot, slash or similar inside a class needs no escape in JavaScript either.
      out += c === "/" ? "\\/" : c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (pattern[i + 1] === "^") {
        out += "^";
        i++;
      }
      continue;
    }
    if (c === ".") out += "[^\\n\\r]";
    else if (c === "^" || c === "$") out += `\\${c}`;
    else out += c;
  }
  if (inClass) throw new XsdPatternError(`tekenklasse niet gesloten in patroon ${pattern}`);
  return out;
}

export function compileXsdPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${translateXsdPattern(pattern)})$`, "u");
}
