import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Link,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { type Advice, api, ApiError, type RegionList, type RegionSummary, type Session } from "../api.ts";
import { AdviceView } from "../advice/AdviceView.tsx";
import { CompareRegions } from "../advice/CompareRegions.tsx";
import { type Answer, Question } from "../advice/Question.tsx";
import { dutchDate, parseDutchDate } from "../labels.ts";
import { ReferralFlow } from "../referral/ReferralFlow.tsx";
import { usePageTitle } from "../usePageTitle.ts";

/**
 * The guided advice (selectieleidraad): first where and when, then only the questions the engine says
 * can still change the outcome (`missing` in the API's answer). Every answer asks the API again, and the
 * advice below grows as it becomes clear. Nothing is stored: the case lives in this page only.
 */

type PlaceKind = "gemeente" | "regio";

interface Start {
  regionId?: string;
  municipality?: string;
  date: string;
}

interface FieldError {
  id: string;
  message: string;
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The answers (by fact path, e.g. family.unsafe) as the nested case the API takes. */
function caseOf(answers: Record<string, Answer>, start: Start): Record<string, unknown> {
  const facts: Record<string, unknown> = { requestDate: start.date };
  if (start.municipality) facts.municipality = start.municipality;
  for (const [path, answer] of Object.entries(answers)) {
    if (answer.kind !== "value") continue;
    const keys = path.split(".");
    let target = facts;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      target[key] = typeof next === "object" && next !== null ? next : {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys[keys.length - 1] ?? path] = answer.value;
  }
  return facts;
}

/** `session`: signed in as the access team, the advice can become a referral and an allocation (step 4). */
export function GuidedAdvice({ session }: { session?: Session | null | undefined }) {
  usePageTitle("Advies bij een hulpvraag");
  const [regions, setRegions] = useState<RegionList["regions"]>([]);
  const [summaries, setSummaries] = useState<Record<string, RegionSummary>>({});
  const [loadProblem, setLoadProblem] = useState<string | undefined>();

  const [placeKind, setPlaceKind] = useState<PlaceKind>("gemeente");
  const [municipality, setMunicipality] = useState("");
  const [regionId, setRegionId] = useState("");
  const [dateText, setDateText] = useState(dutchDate(todayIso()));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);

  const [start, setStart] = useState<Start | undefined>();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  // The facts asked so far, in the order they first came, with the question the API gave for each (an
  // answered fact is no longer in `missing`, but its question stays on the page).
  const [asked, setAsked] = useState<{ fact: string; question: string }[]>([]);
  const [advice, setAdvice] = useState<Advice | undefined>();
  const [problem, setProblem] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const sequence = useRef(0);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const list = (await api.regions()).regions.filter((r) => r.kind === "region");
        const loaded = await Promise.all(list.map((r) => api.region(r.id)));
        if (!live) return;
        setRegions(list);
        setSummaries(Object.fromEntries(loaded.map((s) => [s.id, s])));
      } catch (error) {
        if (live) setLoadProblem(error instanceof ApiError ? error.detail : "De regio's zijn niet te laden.");
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  const municipalities = useMemo(() => {
    const names = new Map<string, string>();
    for (const s of Object.values(summaries)) for (const m of s.municipalities) names.set(m.cbs, m.name);
    return [...names.entries()].sort((a, b) => a[1].localeCompare(b[1], "nl"));
  }, [summaries]);

  const caseFacts = useMemo(() => (start ? caseOf(answers, start) : undefined), [answers, start]);

  // Ask the API again whenever the place, the date or an answer changes; an older answer that arrives
  // late is dropped (sequence), so the advice always belongs to the latest answers.
  useEffect(() => {
    if (!start || !caseFacts) return;
    const mine = ++sequence.current;
    setBusy(true);
    api
      .advice({
        ...(start.regionId ? { regionId: start.regionId } : { municipality: start.municipality }),
        date: start.date,
        case: caseFacts,
      })
      .then((a) => {
        if (mine !== sequence.current) return;
        setAdvice(a);
        setProblem(undefined);
        setAsked((before) => [
          ...before,
          ...a.missing
            .filter((m) => !before.some((b) => b.fact === m.fact))
            .map((m) => ({ fact: m.fact, question: m.question })),
        ]);
      })
      .catch((error: unknown) => {
        if (mine !== sequence.current) return;
        setAdvice(undefined);
        setProblem(
          error instanceof ApiError ? error : new ApiError(0, "Er ging iets mis", "Probeer het opnieuw."),
        );
      })
      .finally(() => {
        if (mine === sequence.current) setBusy(false);
      });
  }, [start, caseFacts]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (placeKind === "gemeente" && !municipality)
      found.push({ id: "plaats-gemeente", message: "Kies de gemeente waar de jeugdige woont." });
    if (placeKind === "regio" && !regionId) found.push({ id: "plaats-regio", message: "Kies een regio." });
    const iso = parseDutchDate(dateText);
    if (!iso)
      found.push({
        id: "datum",
        message: "Vul een bestaande datum in als dag-maand-jaar. Bijvoorbeeld 01-03-2024.",
      });
    setErrors(found);
    if (found.length > 0 || !iso) {
      // The summary gets focus, so a screen reader reads the errors and the links lead to the fields.
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setStart(placeKind === "gemeente" ? { municipality, date: iso } : { regionId, date: iso });
  };

  const restart = () => {
    setAnswers({});
    setAsked([]);
    setAdvice(undefined);
    setStart(undefined);
    setProblem(undefined);
  };

  const answer = (fact: string, value: Answer | undefined) =>
    setAnswers((before) => {
      const next = { ...before };
      if (value === undefined) delete next[fact];
      else next[fact] = value;
      return next;
    });

  const errorFor = (id: string) => errors.find((e) => e.id === id)?.message;
  const missing = new Map((advice?.missing ?? []).map((m) => [m.fact, m.question]));
  const questions = asked.filter((q) => answers[q.fact] !== undefined || missing.has(q.fact));
  const openCount = advice ? advice.missing.filter((m) => answers[m.fact] === undefined).length : 0;
  const adviceRegion = advice ? summaries[advice.region.id] : undefined;

  return (
    <>
      <Heading level={1} tabIndex={-1}>
        Advies bij een hulpvraag
      </Heading>
      <Paragraph appearance="lead">
        Beantwoord een paar vragen over de jeugdige. Wegwijzer vraagt alleen wat het advies nog kan
        veranderen. U ziet direct welk segment, welke route en welke termijnen gelden, en waarom.
      </Paragraph>
      <Paragraph>Vul geen naam of burgerservicenummer in. Wegwijzer bewaart deze gegevens niet.</Paragraph>
      {loadProblem ? (
        <Alert type="error">
          <Paragraph>{loadProblem}</Paragraph>
        </Alert>
      ) : null}

      <form noValidate onSubmit={submit} className="ww-form ww-no-print" aria-labelledby="stap-plaats">
        <Heading level={2} id="stap-plaats">
          1. Waar en wanneer
        </Heading>
        {errors.length > 0 ? (
          <div ref={summaryRef} tabIndex={-1} className="ww-error-summary">
            <Alert type="error">
              <Heading level={3}>Controleer uw antwoorden</Heading>
              <UnorderedList>
                {errors.map((e) => (
                  <UnorderedListItem key={e.id}>
                    <Link href={`#${e.id}`}>{e.message}</Link>
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </Alert>
          </div>
        ) : null}
        <Fieldset role="radiogroup" className="ww-question">
          <FieldsetLegend>Kiest u een gemeente of een regio?</FieldsetLegend>
          {(
            [
              ["gemeente", "Gemeente waar de jeugdige woont"],
              ["regio", "Regio"],
            ] as const
          ).map(([value, label]) => (
            <FormField
              key={value}
              type="radio"
              label={
                <FormLabel htmlFor={`plaats-soort-${value}`} type="radio">
                  {label}
                </FormLabel>
              }
              input={
                <RadioButton
                  id={`plaats-soort-${value}`}
                  name="plaats-soort"
                  value={value}
                  checked={placeKind === value}
                  onChange={() => setPlaceKind(value)}
                />
              }
            />
          ))}
        </Fieldset>
        {placeKind === "gemeente" ? (
          <FormField
            className="ww-question"
            invalid={Boolean(errorFor("plaats-gemeente"))}
            label={<FormLabel htmlFor="plaats-gemeente">Gemeente</FormLabel>}
            errorMessage={
              errorFor("plaats-gemeente") ? (
                <FormFieldErrorMessage id="plaats-gemeente-fout">
                  {errorFor("plaats-gemeente")}
                </FormFieldErrorMessage>
              ) : null
            }
            input={
              <Select
                id="plaats-gemeente"
                value={municipality}
                invalid={Boolean(errorFor("plaats-gemeente"))}
                aria-invalid={errorFor("plaats-gemeente") ? true : undefined}
                aria-describedby={errorFor("plaats-gemeente") ? "plaats-gemeente-fout" : undefined}
                onChange={(e) => setMunicipality(e.currentTarget.value)}
              >
                <SelectOption value="">Kies een gemeente</SelectOption>
                {municipalities.map(([cbs, name]) => (
                  <SelectOption key={cbs} value={cbs}>
                    {name}
                  </SelectOption>
                ))}
              </Select>
            }
          />
        ) : (
          <FormField
            className="ww-question"
            invalid={Boolean(errorFor("plaats-regio"))}
            label={<FormLabel htmlFor="plaats-regio">Regio</FormLabel>}
            errorMessage={
              errorFor("plaats-regio") ? (
                <FormFieldErrorMessage id="plaats-regio-fout">
                  {errorFor("plaats-regio")}
                </FormFieldErrorMessage>
              ) : null
            }
            input={
              <Select
                id="plaats-regio"
                value={regionId}
                invalid={Boolean(errorFor("plaats-regio"))}
                aria-invalid={errorFor("plaats-regio") ? true : undefined}
                aria-describedby={errorFor("plaats-regio") ? "plaats-regio-fout" : undefined}
                onChange={(e) => setRegionId(e.currentTarget.value)}
              >
                <SelectOption value="">Kies een regio</SelectOption>
                {regions.map((r) => (
                  <SelectOption key={r.id} value={r.id}>
                    {r.name}
                  </SelectOption>
                ))}
              </Select>
            }
          />
        )}
        <FormField
          className="ww-question"
          invalid={Boolean(errorFor("datum"))}
          label={<FormLabel htmlFor="datum">Datum van aanmelding</FormLabel>}
          description={
            <FormFieldDescription id="datum-uitleg">
              Dag-maand-jaar, bijvoorbeeld 01-03-2024. Op deze datum kijkt Wegwijzer welke regels gelden.
            </FormFieldDescription>
          }
          errorMessage={
            errorFor("datum") ? (
              <FormFieldErrorMessage id="datum-fout">{errorFor("datum")}</FormFieldErrorMessage>
            ) : null
          }
          input={
            <Textbox
              id="datum"
              className="ww-textbox--short"
              inputMode="numeric"
              autoComplete="off"
              value={dateText}
              invalid={Boolean(errorFor("datum"))}
              aria-invalid={errorFor("datum") ? true : undefined}
              aria-describedby={errorFor("datum") ? "datum-uitleg datum-fout" : "datum-uitleg"}
              onChange={(e) => setDateText(e.currentTarget.value)}
            />
          }
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {start ? "Advies bijwerken" : "Start het advies"}
          </Button>
          {start ? (
            <Button type="button" appearance="secondary-action-button" onClick={restart}>
              Begin opnieuw
            </Button>
          ) : null}
        </ButtonGroup>
      </form>

      {problem ? (
        <Alert type="error">
          <Heading level={2}>{problem.title}</Heading>
          <Paragraph>{problem.detail}</Paragraph>
        </Alert>
      ) : null}

      {start && advice ? (
        <section aria-labelledby="stap-vragen" className="ww-no-print">
          <Heading level={2} id="stap-vragen">
            2. Vragen
          </Heading>
          {questions.length === 0 ? (
            <Paragraph>Er zijn geen vragen meer die het advies kunnen veranderen.</Paragraph>
          ) : (
            <Paragraph>
              Wegwijzer stelt alleen vragen die de uitkomst nog kunnen veranderen. Na elk antwoord wordt het
              advies bijgewerkt. Weet u iets niet? Kies dan &lsquo;Weet ik niet&rsquo; of laat het veld leeg.
            </Paragraph>
          )}
          <div className="ww-questions">
            {questions.map(({ fact, question }) => (
              <Question
                key={fact}
                fact={fact}
                question={missing.get(fact) ?? question}
                answer={answers[fact]}
                region={adviceRegion}
                onAnswer={(value) => answer(fact, value)}
              />
            ))}
          </div>
          <Paragraph>
            <Link href="#advies">Naar het advies</Link>
          </Paragraph>
        </section>
      ) : null}

      <div role="status" className="ww-visually-hidden">
        {advice && !busy
          ? `Advies bijgewerkt: ${advice.segments.length > 0 ? advice.segments.map((s) => s.name).join(", ") : "nog geen segment"}. ${
              openCount === 0
                ? "Geen open vragen."
                : `Nog ${openCount} open ${openCount === 1 ? "vraag" : "vragen"}.`
            }`
          : ""}
      </div>

      {start && advice ? (
        <section aria-labelledby="advies" className="ww-advice-section" aria-busy={busy}>
          <Heading level={2} id="advies" tabIndex={-1}>
            3. Advies
          </Heading>
          <AdviceView advice={advice} />
          <ButtonGroup className="ww-no-print">
            <Button type="button" appearance="secondary-action-button" onClick={() => window.print()}>
              Afdrukken of opslaan als pdf
            </Button>
          </ButtonGroup>
          {caseFacts ? (
            <CompareRegions
              current={advice.region}
              regions={regions}
              date={start.date}
              caseFacts={caseFacts}
            />
          ) : null}
        </section>
      ) : null}

      {start && advice && caseFacts ? (
        <ReferralFlow
          advice={advice}
          caseFacts={caseFacts}
          municipality={start.municipality}
          date={start.date}
          session={session}
        />
      ) : null}
    </>
  );
}
