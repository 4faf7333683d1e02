import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import {
  type AllocationList,
  api,
  ApiError,
  type DeliveryReportList,
  type DeliveryReportRequest,
  type RequestList,
  type Session,
} from "../api.ts";
import { dateLabel, parseDutchDate } from "../labels.ts";
import { AppLink } from "../router.tsx";
import { usePageTitle } from "../usePageTitle.ts";

/**
 * The provider's view (/aanbieder, issue 7 item 4): the allocations to the signed-in provider with the
 * starts and stops reported, a form to report a start or a stop (the server turns it into a JW305 or
 * JW307 and imports it, so the iJw rules and retour codes apply; a refusal comes back per field), and the
 * requests with their retour and answers.
 */

type Allocation = AllocationList["toewijzingen"][number];
type Field = "toewijzing" | "soort" | "begindatum" | "einddatum" | "reden";

/** COD588 RedenBeeindiging, as the standard describes the codes. */
const STOP_REASONS: [string, string][] = [
  ["31", "Levering is volgens plan beëindigd"],
  ["20", "Levering is tijdelijk beëindigd"],
  ["32", "Voortijdig afgesloten: eenzijdig door de cliënt"],
  ["33", "Voortijdig afgesloten: eenzijdig door de aanbieder"],
  ["34", "Voortijdig afgesloten: in overeenstemming"],
  ["35", "Voortijdig afgesloten: wegens externe omstandigheden"],
  ["36", "Geïnitieerd door de gemeente"],
  ["37", "In verband met wijzigingsverzoek"],
  ["38", "Overstap naar andere aanbieder"],
  ["39", "Uitstroom naar ander domein"],
  ["02", "Overlijden"],
];

const requestStatus: Record<string, string> = {
  open: "Nog geen antwoord",
  in_onderzoek: "In onderzoek bij de gemeente",
  toegewezen: "Toegewezen",
  afgewezen: "Afgewezen",
};

const messageNames: Record<string, string> = {
  JW301: "Toewijzing",
  JW305: "Start zorg",
  JW306: "Retour start zorg",
  JW307: "Stop zorg",
  JW308: "Retour stop zorg",
  JW315: "Verzoek om toewijzing",
  JW316: "Retour verzoek om toewijzing",
  JW317: "Verzoek om wijziging",
  JW318: "Retour verzoek om wijziging",
  JW319: "Antwoord op verzoek",
};

const messageName = (type: string) => `${messageNames[type] ?? "Bericht"} (${type})`;

function deliveryText(list: DeliveryReportList["meldingen"] | undefined): string {
  if (!list) return "wordt geladen";
  if (list.length === 0) return "nog geen start gemeld";
  return list
    .map((m) =>
      m.kind === "start"
        ? `start ${dateLabel(m.beginDate)}`
        : `stop ${dateLabel(m.endDate)} (${m.reasonText ?? m.reason ?? ""})`,
    )
    .join("; ");
}

export function Provider({ session }: { session: Session | null | undefined }) {
  usePageTitle("Aanbieder");
  const [allocations, setAllocations] = useState<Allocation[] | undefined>();
  const [reports, setReports] = useState<Record<string, DeliveryReportList["meldingen"]>>({});
  const [requests, setRequests] = useState<RequestList["verzoeken"] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const isProvider = session?.role === "aanbieder";

  const load = useCallback(async () => {
    try {
      const [list, asked] = await Promise.all([api.allocations(), api.ijwRequests()]);
      setAllocations(list.toewijzingen);
      setRequests(asked.verzoeken);
      const entries = await Promise.all(
        list.toewijzingen.map(
          async (a) => [a.number, (await api.deliveryReports(a.number)).meldingen] as const,
        ),
      );
      setReports(Object.fromEntries(entries));
    } catch (e) {
      setProblem(e instanceof ApiError ? e.detail : "De gegevens zijn niet te laden.");
    }
  }, []);

  useEffect(() => {
    if (isProvider) void load();
  }, [isProvider, load]);

  return (
    <>
      <Heading level={1} tabIndex={-1}>
        Aanbieder: toewijzingen, verzoeken en meldingen
      </Heading>
      {session === undefined ? <Paragraph>Even geduld, uw sessie wordt gecontroleerd.</Paragraph> : null}
      {session !== undefined && !isProvider ? (
        <Alert type="info">
          <Paragraph>
            Deze pagina is voor medewerkers van een jeugdhulpaanbieder.{" "}
            <AppLink href="/aanmelden">Meld u aan</AppLink> als aanbieder om uw toewijzingen te zien.
          </Paragraph>
        </Alert>
      ) : null}
      {problem ? (
        <Alert type="error">
          <Paragraph>{problem}</Paragraph>
        </Alert>
      ) : null}
      {isProvider && session ? (
        <>
          <Paragraph appearance="lead">
            U ziet alleen de toewijzingen aan uw organisatie (AGB {session.providerAgb}) en uw eigen
            berichten.
          </Paragraph>
          <section aria-labelledby="toewijzingen">
            <Heading level={2} id="toewijzingen">
              Toewijzingen aan u
            </Heading>
            {allocations === undefined ? <Paragraph>De toewijzingen worden geladen.</Paragraph> : null}
            {allocations?.length === 0 ? (
              <Paragraph>Er zijn geen toewijzingen aan uw organisatie.</Paragraph>
            ) : null}
            {allocations && allocations.length > 0 ? (
              <Table className="ww-allocations">
                <caption className="ww-caption">Toewijzingen met de gemelde start en stop</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Nummer</TableHeaderCell>
                    <TableHeaderCell scope="col">Product</TableHeaderCell>
                    <TableHeaderCell scope="col">Periode</TableHeaderCell>
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                    <TableHeaderCell scope="col">Levering</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {allocations.map((a) => (
                    <TableRow key={a.number} data-toewijzing={a.number}>
                      <TableCell>{a.number}</TableCell>
                      <TableCell>
                        {a.product} (segment {a.segment})
                      </TableCell>
                      <TableCell>
                        {dateLabel(a.startDate)} tot {a.endDate ? dateLabel(a.endDate) : "onbepaald"}
                      </TableCell>
                      <TableCell>{a.status === "actief" ? "Actief" : "Beëindigd"}</TableCell>
                      <TableCell className="ww-delivery">{deliveryText(reports[a.number])}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </section>
          {allocations && allocations.length > 0 ? (
            <ReportForm allocations={allocations} csrfToken={session.csrfToken} onReported={load} />
          ) : null}
          <section aria-labelledby="verzoeken">
            <Heading level={2} id="verzoeken">
              Uw verzoeken en de antwoorden
            </Heading>
            {requests === undefined ? <Paragraph>De verzoeken worden geladen.</Paragraph> : null}
            {requests?.length === 0 ? <Paragraph>U heeft geen verzoeken gestuurd.</Paragraph> : null}
            {requests?.map((r) => (
              <section key={r.request.id} className="ww-request" aria-labelledby={`verzoek-${r.request.id}`}>
                <Heading level={3} id={`verzoek-${r.request.id}`}>
                  {messageName(r.request.type)} {r.request.identificatie}, {dateLabel(r.request.dagtekening)}
                </Heading>
                {r.products.length > 0 ? (
                  <Table>
                    <caption className="ww-caption">Gevraagde producten en hun stand</caption>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell scope="col">Uw referentie</TableHeaderCell>
                        <TableHeaderCell scope="col">Product</TableHeaderCell>
                        <TableHeaderCell scope="col">Gevraagd vanaf</TableHeaderCell>
                        <TableHeaderCell scope="col">Stand</TableHeaderCell>
                        <TableHeaderCell scope="col">Antwoord uiterlijk</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {r.products.map((p) => (
                        <TableRow key={p.referentie}>
                          <TableCell>{p.referentie}</TableCell>
                          <TableCell>
                            {[p.category, p.code].filter(Boolean).join(" / ") || "generiek"}
                          </TableCell>
                          <TableCell>
                            {dateLabel(p.startDate)}
                            {p.endDate ? ` tot ${dateLabel(p.endDate)}` : ""}
                          </TableCell>
                          <TableCell>
                            {requestStatus[p.status] ?? p.status}
                            {p.allocationNumber ? ` (toewijzing ${p.allocationNumber})` : ""}
                          </TableCell>
                          <TableCell>{dateLabel(p.answerDue)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                ) : null}
                <UnorderedList>
                  <UnorderedListItem>
                    {r.retour
                      ? `${messageName(r.retour.type)} van ${dateLabel(r.retour.dagtekening)}: ${r.request.status === "verwerkt" ? "goedgekeurd" : "afgekeurd"}.`
                      : "Nog geen retour."}
                  </UnorderedListItem>
                  {r.answers.length === 0 ? <UnorderedListItem>Nog geen antwoord.</UnorderedListItem> : null}
                  {r.answers.map((m) => (
                    <UnorderedListItem key={m.id}>
                      {messageName(m.type)} {m.identificatie} van {dateLabel(m.dagtekening)}: {m.summary}
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              </section>
            ))}
          </section>
        </>
      ) : null}
    </>
  );
}

interface ReportFormProps {
  allocations: Allocation[];
  csrfToken: string;
  onReported: () => Promise<void>;
}

/** Report a start or stop: the fields the JW305/JW307 needs from the provider; the rest comes from the allocation. */
function ReportForm({ allocations, csrfToken, onReported }: ReportFormProps) {
  const [number, setNumber] = useState(allocations[0]?.number ?? "");
  const [kind, setKind] = useState<"start" | "stop">("start");
  const [begin, setBegin] = useState("");
  const [end, setEnd] = useState("");
  const [reason, setReason] = useState("31");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const fail = (found: Partial<Record<Field, string>>, other: string[] = []) => {
    setErrors(found);
    setGeneral(other);
    setDone(undefined);
    // The summary gets the focus so a screen reader reads what is wrong; each field says it too.
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const beginIso = parseDutchDate(begin);
    const endIso = parseDutchDate(end);
    if (!number) found.toewijzing = "Kies een toewijzing.";
    if (!beginIso) found.begindatum = "Vul de begindatum in als dag-maand-jaar, bijvoorbeeld 04-03-2026.";
    if (kind === "stop" && !endIso)
      found.einddatum = "Vul de einddatum in als dag-maand-jaar, bijvoorbeeld 30-06-2026.";
    if (Object.keys(found).length > 0 || !beginIso) return fail(found);
    const body: DeliveryReportRequest =
      kind === "start"
        ? { soort: "start", begindatum: beginIso }
        : {
            soort: "stop",
            begindatum: beginIso,
            einddatum: endIso ?? "",
            reden: reason as Extract<DeliveryReportRequest, { soort: "stop" }>["reden"],
          };
    setBusy(true);
    try {
      const outcome = await api.reportDelivery(number, body, csrfToken);
      setErrors({});
      setGeneral([]);
      setDone(
        `De ${kind === "start" ? "start" : "stop"} van toewijzing ${number} is vastgelegd. Bericht ${outcome.message.type} ${outcome.message.identificatie}${outcome.retour ? `; de gemeente keurde het goed met ${outcome.retour.type}` : ""}.`,
      );
      requestAnimationFrame(() => doneRef.current?.focus());
      await onReported();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length > 0) {
        const byField: Partial<Record<Field, string>> = {};
        const other: string[] = [];
        for (const f of e.fields) {
          // A JSON pointer as a URI fragment: "#/begindatum".
          const name = f.pointer.replace(/^#?\//, "").split("/")[0] as Field;
          if (["begindatum", "einddatum", "reden", "soort"].includes(name)) {
            byField[name] = byField[name] ? `${byField[name]} ${f.detail}` : f.detail;
          } else other.push(f.detail);
        }
        fail(byField, other);
      } else {
        fail({}, [e instanceof ApiError ? e.detail : "De melding is niet verstuurd. Probeer het opnieuw."]);
      }
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<Field, string> = {
    toewijzing: "Toewijzing",
    soort: "Wat meldt u?",
    begindatum: "Begindatum",
    einddatum: "Einddatum",
    reden: "Reden van de stop",
  };
  const problems = [
    ...(Object.entries(errors) as [Field, string][]).map(([f, text]) => ({ f, text })),
    ...general.map((text) => ({ f: undefined, text })),
  ];
  const fieldError = (f: Field, id: string) =>
    errors[f] ? <FormFieldErrorMessage id={`${id}-fout`}>{errors[f]}</FormFieldErrorMessage> : null;
  const describe = (f: Field, id: string, extra?: string) =>
    [extra, errors[f] ? `${id}-fout` : undefined].filter(Boolean).join(" ") || undefined;

  return (
    <section aria-labelledby="melden">
      <Heading level={2} id="melden">
        Start of stop melden
      </Heading>
      <Paragraph>
        Wegwijzer maakt van uw melding een iJw-bericht (JW305 voor een start, JW307 voor een stop) en stuurt
        het naar de gemeente. De gemeente controleert het met de regels van iJw. Keurt zij het af, dan ziet u
        hier waarom.
      </Paragraph>
      {problems.length > 0 ? (
        <div ref={summaryRef} tabIndex={-1} className="ww-error-summary">
          <Alert type="error">
            <Heading level={3}>De gemeente of het formulier neemt de melding niet aan</Heading>
            <UnorderedList>
              {problems.map((p, i) => (
                <UnorderedListItem key={`${p.f ?? "algemeen"}-${i}`}>
                  {p.f ? `${labels[p.f]}: ` : ""}
                  {p.text}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </Alert>
        </div>
      ) : null}
      {done ? (
        <div ref={doneRef} tabIndex={-1}>
          <Alert type="ok">
            <Paragraph>{done}</Paragraph>
          </Alert>
        </div>
      ) : null}
      <form className="ww-form" noValidate onSubmit={(e) => void submit(e)} aria-label="Start of stop melden">
        <FormField
          invalid={Boolean(errors.toewijzing)}
          label={<FormLabel htmlFor="melding-toewijzing">Toewijzing</FormLabel>}
          errorMessage={fieldError("toewijzing", "melding-toewijzing")}
          input={
            <Select
              id="melding-toewijzing"
              value={number}
              invalid={Boolean(errors.toewijzing)}
              aria-invalid={errors.toewijzing ? true : undefined}
              aria-describedby={describe("toewijzing", "melding-toewijzing")}
              onChange={(e) => setNumber(e.currentTarget.value)}
            >
              {allocations.map((a) => (
                <SelectOption key={a.number} value={a.number}>
                  {a.number}: {a.product}, vanaf {dateLabel(a.startDate)}
                </SelectOption>
              ))}
            </Select>
          }
        />
        <Fieldset>
          <FieldsetLegend>Wat meldt u?</FieldsetLegend>
          {(["start", "stop"] as const).map((k) => (
            <FormField
              key={k}
              type="radio"
              label={
                <FormLabel htmlFor={`melding-soort-${k}`} type="radio">
                  {k === "start" ? "Start van de zorg" : "Stop van de zorg"}
                </FormLabel>
              }
              input={
                <RadioButton
                  id={`melding-soort-${k}`}
                  name="melding-soort"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
              }
            />
          ))}
        </Fieldset>
        <FormField
          invalid={Boolean(errors.begindatum)}
          label={<FormLabel htmlFor="melding-begindatum">Begindatum</FormLabel>}
          description={
            <FormFieldDescription id="melding-begindatum-uitleg">
              {kind === "start"
                ? "De eerste dag van de zorg, als dag-maand-jaar."
                : "De begindatum van de start die u stopt, als dag-maand-jaar."}
            </FormFieldDescription>
          }
          errorMessage={fieldError("begindatum", "melding-begindatum")}
          input={
            <Textbox
              id="melding-begindatum"
              className="ww-textbox--short"
              inputMode="numeric"
              autoComplete="off"
              value={begin}
              invalid={Boolean(errors.begindatum)}
              aria-invalid={errors.begindatum ? true : undefined}
              aria-describedby={describe("begindatum", "melding-begindatum", "melding-begindatum-uitleg")}
              onChange={(e) => setBegin(e.currentTarget.value)}
            />
          }
        />
        {kind === "stop" ? (
          <>
            <FormField
              invalid={Boolean(errors.einddatum)}
              label={<FormLabel htmlFor="melding-einddatum">Einddatum</FormLabel>}
              description={
                <FormFieldDescription id="melding-einddatum-uitleg">
                  De laatste dag van de zorg, als dag-maand-jaar.
                </FormFieldDescription>
              }
              errorMessage={fieldError("einddatum", "melding-einddatum")}
              input={
                <Textbox
                  id="melding-einddatum"
                  className="ww-textbox--short"
                  inputMode="numeric"
                  autoComplete="off"
                  value={end}
                  invalid={Boolean(errors.einddatum)}
                  aria-invalid={errors.einddatum ? true : undefined}
                  aria-describedby={describe("einddatum", "melding-einddatum", "melding-einddatum-uitleg")}
                  onChange={(e) => setEnd(e.currentTarget.value)}
                />
              }
            />
            <FormField
              invalid={Boolean(errors.reden)}
              label={<FormLabel htmlFor="melding-reden">Reden van de stop</FormLabel>}
              errorMessage={fieldError("reden", "melding-reden")}
              input={
                <Select
                  id="melding-reden"
                  value={reason}
                  invalid={Boolean(errors.reden)}
                  aria-invalid={errors.reden ? true : undefined}
                  aria-describedby={describe("reden", "melding-reden")}
                  onChange={(e) => setReason(e.currentTarget.value)}
                >
                  {STOP_REASONS.map(([code, text]) => (
                    <SelectOption key={code} value={code}>
                      {text} ({code})
                    </SelectOption>
                  ))}
                </Select>
              }
            />
          </>
        ) : null}
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {kind === "start" ? "Start melden" : "Stop melden"}
        </Button>
      </form>
    </section>
  );
}
