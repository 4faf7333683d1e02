/**
 * Dutch display texts for the values of the case facts (src/domain/case.ts keeps the values as
 * lower-case ids). Abbreviations keep their usual spelling; other ids read as words.
 */

const words: Record<string, string> = {
  gemeente: "Gemeente (toegang of wijkteam)",
  huisarts: "Huisarts",
  jeugdarts: "Jeugdarts",
  gi: "Gecertificeerde instelling (GI)",
  "medisch-specialist": "Medisch specialist",
  zelfverwijzer: "Jeugdige of ouders zelf",
  rechter: "Rechter",
  "opvoeding-gezin": "Opvoeding en gezin",
  "lichamelijke-beperking-nah": "Lichamelijke beperking of NAH",
  adl: "ADL (algemene dagelijkse levensverrichtingen)",
  financien: "Financiën",
  "vrije-tijd": "Vrije tijd",
  "relatieconflict-scheiding": "Relatieconflict of scheiding",
  "ziekte-of-beperking": "Ziekte of beperking van een ouder",
  "beneden-gemiddeld": "Beneden gemiddeld",
  geen: "Geen",
  wlz: "Wlz",
  wmo: "Wmo",
  zvw: "Zvw",
  ifact: "iFACT",
  "jeugdzorg-plus": "Jeugdzorg Plus",
  "opvoed-gezinsondersteuning": "Opvoed- en gezinsondersteuning",
};

const abbreviations = new Set([
  "mst",
  "mdft",
  "rgt",
  "fact",
  "iag",
  "jim",
  "lta",
  "ggz",
  "joh",
  "ghz",
  "nah",
]);

export function valueLabel(value: string): string {
  const known = words[value];
  if (known) return known;
  const text = value
    .split("-")
    .map((part) => (abbreviations.has(part) ? part.toUpperCase() : part))
    .join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const severityLabel: Record<string, string> = {
  error: "Fout",
  warning: "Waarschuwing",
  info: "Informatie",
};

export const statusLabel: Record<string, string> = {
  toegepast: "Geldt",
  "niet-van-toepassing": "Geldt niet",
  onbekend: "Nog niet te zeggen",
  overschaduwd: "Gaat niet voor",
  "niet-geldig": "Niet geldig op deze datum",
};

/** Month names, fixed, so the text does not depend on the browser's locale data. */
export const MONTH_NAMES = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];

/** 2024-03-01 → 1 maart 2024. */
export function dateLabel(iso: string | undefined | null): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** A date the user typed as dd-mm-jjjj (or d-m-jjjj, with - / or .) as ISO, or undefined if it is not one. */
export function parseDutchDate(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${m[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function dutchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** ISO periods of the models (P6W, P2Y, P5D) in words. */
export function periodLabel(period: string | undefined): string {
  if (!period) return "";
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period);
  if (!m) return period;
  const parts: string[] = [];
  const add = (n: string | undefined, one: string, many: string) => {
    if (n) parts.push(`${n} ${Number(n) === 1 ? one : many}`);
  };
  add(m[1], "jaar", "jaar");
  add(m[2], "maand", "maanden");
  add(m[3], "week", "weken");
  add(m[4], "dag", "dagen");
  return parts.join(" en ") || period;
}
