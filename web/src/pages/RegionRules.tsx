import {
  Alert,
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useEffect, useState } from "react";
import { SourceText } from "../advice/SourceText.tsx";
import { api, ApiError, type RegionRules as Rules } from "../api.ts";
import { dateLabel } from "../labels.ts";

/**
 * The decision tables of a region model (GET /regions/{id}/rules) for the policy advisor: each rule with
 * its conditions in plain Dutch, its outcome, its source (document, section, quote) and the test cases
 * in which it applies. A decision is a <details>, so the page stays short and a reader opens what he needs.
 */

/** Today on the user's calendar: the numbers in the conditions are the ones in force for the reader. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

const hitPolicyText: Record<string, string> = {
  first: "de eerste regel die past, telt (de volgorde is beleid)",
  unique: "er mag maar één regel passen",
  collect: "alle regels die passen, tellen",
};

export function RegionRules({ id }: { id: string }) {
  const [rules, setRules] = useState<Rules | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    setRules(undefined);
    setProblem(undefined);
    api
      .regionRules(id, localToday())
      .then((r) => {
        if (live) setRules(r);
      })
      .catch((e: unknown) => {
        if (live) setProblem(e instanceof ApiError ? e.detail : "De regels zijn niet te laden.");
      });
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <section aria-labelledby="regels">
      <Heading level={2} id="regels">
        Beslisregels
      </Heading>
      {problem ? (
        <Alert type="error">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      {!rules && !problem ? <Paragraph>De regels worden geladen.</Paragraph> : null}
      {rules ? (
        <>
          <Paragraph>
            Per beslissing de regels met hun voorwaarden, de bron en de testgevallen waarin de regel geldt. De
            getallen in de voorwaarden zijn de waarden op {dateLabel(rules.asOf)}.
          </Paragraph>
          {rules.decisions.map((d) => (
            <details key={d.id} className="ww-details ww-decision" data-decision={d.id}>
              <summary>
                {d.title} ({d.rules.length} {d.rules.length === 1 ? "regel" : "regels"})
              </summary>
              <Paragraph>
                Beslissing <code>{d.id}</code>: {hitPolicyText[d.hitPolicy] ?? d.hitPolicy}.
                {d.priorityReason ? ` Waarom deze volgorde: ${d.priorityReason}` : ""}
              </Paragraph>
              {d.rules.map((r) => (
                <article
                  key={r.id}
                  className="ww-rule"
                  data-rule={r.id}
                  aria-labelledby={`regel-${d.id}-${r.id}`}
                >
                  <Heading level={3} id={`regel-${d.id}-${r.id}`}>
                    Regel {r.id}: {r.outcome}
                  </Heading>
                  <Paragraph>
                    {r.conditions.length === 0 ? "Deze regel geldt altijd." : "Deze regel geldt als:"}
                  </Paragraph>
                  {r.conditions.length > 0 ? (
                    <UnorderedList>
                      {r.conditions.map((c, i) => (
                        <UnorderedListItem key={i}>{c}</UnorderedListItem>
                      ))}
                    </UnorderedList>
                  ) : null}
                  <Paragraph className="ww-note">
                    Uitleg in het advies: {r.explain}
                    {r.validFrom || r.validTo
                      ? ` Geldig${r.validFrom ? ` vanaf ${dateLabel(r.validFrom)}` : ""}${r.validTo ? ` tot ${dateLabel(r.validTo)}` : ""}.`
                      : ""}
                    {r.layer !== id ? ` Uit het basismodel ${r.layer}.` : ""}
                    {r.overrides
                      ? ` Vervangt regel ${r.overrides.rule} van de basis${r.overrides.reason ? `: ${r.overrides.reason}` : ""}.`
                      : ""}{" "}
                    ({r.origin})
                  </Paragraph>
                  <SourceText source={r.source ?? null} />
                  {r.cases.length === 0 ? (
                    <Paragraph className="ww-case-none">Geen testgeval laat deze regel gelden.</Paragraph>
                  ) : (
                    <>
                      <Paragraph>Testgevallen waarin deze regel geldt:</Paragraph>
                      <UnorderedList className="ww-cases">
                        {r.cases.map((c) => (
                          <UnorderedListItem key={c.origin}>
                            {c.name} <span className="ww-note">({c.origin})</span>
                          </UnorderedListItem>
                        ))}
                      </UnorderedList>
                    </>
                  )}
                </article>
              ))}
            </details>
          ))}
        </>
      ) : null}
    </section>
  );
}
