import {
  Alert,
  Heading,
  Link,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { forwardRef } from "react";
import { ApiError } from "../api.ts";
import { dateLabel, periodLabel } from "../labels.ts";

/**
 * Form errors for the registry pages: the error summary (links to the fields, as in the guided advice)
 * and the registry's refusals (problem details with a JSON pointer and a rule code per field) turned into
 * Dutch sentences at the right field.
 */

export interface FieldError {
  /** The id of the form field, or undefined for a problem that belongs to no field on the page. */
  id?: string;
  message: string;
}

/** Dates and ISO periods in a reason as people write them ("2025-02-28" → "28 februari 2025", P1Y → 1 jaar). */
export function readable(text: string): string {
  return text
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => dateLabel(iso))
    .replace(/\bP(?:\d+[YMWD])+\b/g, (period) => periodLabel(period));
}

/** What to do about a refusal, per rule of src/registry/allocation-rules.ts and records.ts. */
const hints: Record<string, string> = {
  "maximale-duur": "Kies een einddatum binnen de maximale duur.",
  "geen-overlap": "Kies een andere periode, of beëindig eerst de lopende toewijzing.",
  "aanbieder-gecontracteerd": "Kies een aanbieder met een contract voor dit product.",
  "product-in-segment": "Kies een product van dit segment.",
  opgeschaald: "Het kind heeft al hulp in een segment dat dit segment omvat.",
  periode: "De einddatum moet op of na de startdatum liggen.",
  "toegang-eigen-gemeente": "U kunt alleen verwijzen en toewijzen voor kinderen uit uw eigen gemeente.",
  bsn: "Controleer de 9 cijfers van het burgerservicenummer.",
  "verwijzing-jeugdhulp": "Volgens het advies is dit geen jeugdhulp via de gemeente.",
};

/**
 * The field errors of a refusal. `fields` maps the pointer's last part (the API's field name) to the
 * form field id and its label; a problem without a field on this page still shows in the summary.
 */
export function fieldErrorsOf(
  error: ApiError,
  fields: Record<string, { id: string; label: string }>,
): FieldError[] {
  if (error.fields.length === 0) return [{ message: `${error.title}. ${readable(error.detail)}` }];
  return error.fields.map((problem) => {
    const name = decodeURIComponent(problem.pointer.replace(/^#?\//, "")).split("/").pop() ?? "";
    const field = fields[name];
    const hint = problem.code ? hints[problem.code] : undefined;
    const reason = readable(problem.detail);
    const message = `${field ? field.label : "Dit verzoek"} ${reason}.${hint ? ` ${hint}` : ""}`;
    return field ? { id: field.id, message } : { message };
  });
}

/** The summary above a form: every error, with a link to its field; it takes the focus when it appears. */
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: FieldError[]; title?: string }>(
  function ErrorSummary({ errors, title = "Controleer uw invoer" }, ref) {
    if (errors.length === 0) return null;
    return (
      <div ref={ref} tabIndex={-1} className="ww-error-summary">
        <Alert type="error">
          <Heading level={3}>{title}</Heading>
          <UnorderedList>
            {errors.map((e, i) => (
              <UnorderedListItem key={`${e.id ?? "algemeen"}-${i}`}>
                {e.id ? <Link href={`#${e.id}`}>{e.message}</Link> : <Paragraph>{e.message}</Paragraph>}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      </div>
    );
  },
);

export const errorFor = (errors: FieldError[], id: string): string | undefined =>
  errors
    .filter((e) => e.id === id)
    .map((e) => e.message)
    .join(" ") || undefined;
