import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from "@utrecht/component-library-react";
import { type FormEvent, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { isValidBsn, maskBsn } from "../../../src/domain/bsn.ts";
import { type Advice, api, ApiError, type RegionSummary, type Session } from "../api.ts";
import {
  type AllocationCreated,
  type ContractList,
  type ReferralCreated,
  registry,
} from "../clients/clientApi.ts";
import { ErrorSummary, errorFor, type FieldError, fieldErrorsOf } from "../clients/forms.tsx";
import { dateLabel, dutchDate, parseDutchDate, periodLabel } from "../labels.ts";
import { AppLink } from "../router.tsx";

/**
 * From an advice to a referral and an allocation in one flow (issue 7 item 2), for the access team of
 * the child's municipality: the BSN in a form field (sent only in the body of POST /verwijzingen, then
 * emptied and shown masked), then the allocation (segment, product, a provider with a contract, start
 * and end) through POST /toewijzingen. The registry's rules come back per field and are shown at the
 * field, with an error summary that links to it.
 */

type Stage = "start" | "bsn" | "toewijzing" | "klaar";

const ALLOCATION_FIELDS = {
  segment: { id: "toewijzing-segment", label: "Segment" },
  product: { id: "toewijzing-product", label: "Product" },
  providerAgb: { id: "toewijzing-aanbieder", label: "Aanbieder" },
  startDate: { id: "toewijzing-start", label: "Startdatum" },
  endDate: { id: "toewijzing-einde", label: "Einddatum" },
};

function newKey(): string {
  return crypto.randomUUID();
}

interface Props {
  advice: Advice;
  caseFacts: Record<string, unknown>;
  municipality: string | undefined;
  date: string;
  session: Session | null | undefined;
}

export function ReferralFlow({ advice, caseFacts, municipality, date, session }: Props) {
  const [stage, setStage] = useState<Stage>("start");
  const [bsn, setBsn] = useState("");
  const [masked, setMasked] = useState("");
  const [referral, setReferral] = useState<ReferralCreated["verwijzing"] | undefined>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [region, setRegion] = useState<RegionSummary | undefined>();
  const [segment, setSegment] = useState("");
  const [product, setProduct] = useState("");
  const [provider, setProvider] = useState("");
  const [startText, setStartText] = useState(dutchDate(date));
  const [endText, setEndText] = useState("");
  const [contracts, setContracts] = useState<ContractList["aanbieders"] | undefined>();
  const [made, setMade] = useState<AllocationCreated | undefined>();
  const doneRef = useRef<HTMLHeadingElement>(null);

  const showErrors = (list: FieldError[]) => {
    setErrors(list);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  // The region's segments and products, once there is a referral to allocate for.
  useEffect(() => {
    if (stage !== "toewijzing" || region) return;
    let live = true;
    api.region(advice.region.id).then(
      (summary) => {
        if (!live) return;
        setRegion(summary);
        const advised = advice.segments[0];
        const first = summary.segments.find((s) => s.id === advised?.id) ?? summary.segments[0];
        setSegment(first?.id ?? "");
        setProduct(advised?.products[0]?.id ?? first?.products[0]?.id ?? "");
      },
      () => live && showErrors([{ message: "De segmenten van de regio zijn niet te laden." }]),
    );
    return () => {
      live = false;
    };
  }, [stage, region, advice]);

  const startIso = parseDutchDate(startText);
  // The providers with a contract for the segment on the start date.
  useEffect(() => {
    if (stage !== "toewijzing" || !segment || !startIso) return;
    let live = true;
    registry.contracts(advice.region.id, segment, startIso).then(
      (list) => live && setContracts(list.aanbieders),
      () => live && setContracts([]),
    );
    return () => {
      live = false;
    };
  }, [stage, segment, startIso, advice.region.id]);

  const segmentInfo = useMemo(() => region?.segments.find((s) => s.id === segment), [region, segment]);
  const productInfo = segmentInfo?.products.find((p) => p.id === product);
  const maxDuration = productInfo?.maxDuration ?? segmentInfo?.duration.max;

  let intro: ReactNode;
  if (session === undefined) intro = null;
  else if (!session)
    intro = (
      <Paragraph>
        Wilt u dit advies vastleggen als verwijzing en meteen toewijzen?{" "}
        <AppLink href="/aanmelden">Meld u aan</AppLink> als medewerker van de Toegang.
      </Paragraph>
    );
  else if (session.role !== "toegang")
    intro = <Paragraph>Alleen de Toegang van de gemeente kan hier verwijzen en toewijzen.</Paragraph>;
  else if (!municipality)
    intro = <Paragraph>Kies in stap 1 de gemeente waar het kind woont. Dan kunt u verwijzen.</Paragraph>;
  else if (advice.eligible === false)
    intro = (
      <Paragraph>Volgens het advies is dit geen jeugdhulp via de gemeente. Verwijzen kan dan niet.</Paragraph>
    );

  const submitReferral = async (event: FormEvent) => {
    event.preventDefault();
    if (!session) return;
    const typed = bsn.replace(/\s+/g, "");
    if (!isValidBsn(typed)) {
      showErrors([
        {
          id: "verwijzing-bsn",
          message: "Vul een geldig burgerservicenummer in van 9 cijfers. Controleer de cijfers.",
        },
      ]);
      return;
    }
    setBusy(true);
    try {
      const answer = await registry.createReferral(
        { bsn: typed, case: caseFacts, idempotencyKey: newKey() },
        session.csrfToken,
      );
      setReferral(answer.verwijzing);
      setMasked(maskBsn(typed));
      setBsn("");
      setErrors([]);
      setStage("toewijzing");
    } catch (error) {
      showErrors(
        error instanceof ApiError
          ? fieldErrorsOf(error, { bsn: { id: "verwijzing-bsn", label: "Het burgerservicenummer" } })
          : [{ message: "Er ging iets mis. Probeer het opnieuw." }],
      );
    } finally {
      setBusy(false);
    }
  };

  const submitAllocation = async (event: FormEvent) => {
    event.preventDefault();
    if (!session || !referral || !municipality) return;
    const found: FieldError[] = [];
    if (!segment) found.push({ id: "toewijzing-segment", message: "Kies een segment." });
    if (!product) found.push({ id: "toewijzing-product", message: "Kies een product." });
    if (!provider) found.push({ id: "toewijzing-aanbieder", message: "Kies een aanbieder." });
    if (!startIso)
      found.push({
        id: "toewijzing-start",
        message: "Vul de startdatum in als dag-maand-jaar. Bijvoorbeeld 01-03-2024.",
      });
    const endIso = endText.trim() ? parseDutchDate(endText) : undefined;
    if (endText.trim() && !endIso)
      found.push({
        id: "toewijzing-einde",
        message: "Vul de einddatum in als dag-maand-jaar, of laat het veld leeg.",
      });
    if (found.length > 0 || !startIso) {
      showErrors(found);
      return;
    }
    setBusy(true);
    try {
      const answer = await registry.createAllocation(
        {
          clientId: referral.clientId,
          referralId: referral.id,
          municipality,
          segment,
          product,
          providerAgb: provider,
          startDate: startIso,
          ...(endIso ? { endDate: endIso } : {}),
          idempotencyKey: newKey(),
        },
        session.csrfToken,
      );
      setErrors([]);
      setMade(answer);
      setStage("klaar");
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (error) {
      showErrors(
        error instanceof ApiError
          ? fieldErrorsOf(error, ALLOCATION_FIELDS)
          : [{ message: "Er ging iets mis. Probeer het opnieuw." }],
      );
    } finally {
      setBusy(false);
    }
  };

  const field = (id: string) => {
    const message = errorFor(errors, id);
    return {
      message,
      invalid: Boolean(message),
      error: message ? <FormFieldErrorMessage id={`${id}-fout`}>{message}</FormFieldErrorMessage> : null,
      describedBy: (hint?: string) =>
        [hint, message ? `${id}-fout` : undefined].filter(Boolean).join(" ") || undefined,
    };
  };
  const bsnField = field("verwijzing-bsn");
  const segmentField = field("toewijzing-segment");
  const productField = field("toewijzing-product");
  const providerField = field("toewijzing-aanbieder");
  const startField = field("toewijzing-start");
  const endField = field("toewijzing-einde");
  const providerName = (agb: string) => contracts?.find((c) => c.agb === agb)?.name ?? agb;

  return (
    <section aria-labelledby="verwijzing-kop" className="ww-no-print ww-referral">
      <Heading level={2} id="verwijzing-kop">
        4. Aanmelden als verwijzing
      </Heading>
      {intro ?? (
        <>
          {stage === "start" ? (
            <>
              <Paragraph>
                Leg dit advies vast als verwijzing voor een kind, en wijs daarna meteen de hulp toe. Het
                advies en de antwoorden gaan mee in de verwijzing.
              </Paragraph>
              <ButtonGroup>
                <Button type="button" appearance="primary-action-button" onClick={() => setStage("bsn")}>
                  Aanmelden als verwijzing
                </Button>
              </ButtonGroup>
            </>
          ) : null}

          {stage === "bsn" ? (
            <form
              noValidate
              onSubmit={(e) => void submitReferral(e)}
              className="ww-form"
              aria-labelledby="verwijzing-stap-kind"
            >
              <Heading level={3} id="verwijzing-stap-kind">
                Welk kind?
              </Heading>
              <ErrorSummary ref={summaryRef} errors={errors} />
              <FormField
                className="ww-question"
                invalid={bsnField.invalid}
                label={<FormLabel htmlFor="verwijzing-bsn">Burgerservicenummer van het kind</FormLabel>}
                description={
                  <FormFieldDescription id="verwijzing-bsn-uitleg">
                    9 cijfers. Het nummer gaat alleen naar de server. Daarna ziet u het verborgen.
                  </FormFieldDescription>
                }
                errorMessage={bsnField.error}
                input={
                  <Textbox
                    id="verwijzing-bsn"
                    name="bsn"
                    className="ww-textbox--short"
                    inputMode="numeric"
                    autoComplete="off"
                    spellCheck={false}
                    value={bsn}
                    invalid={bsnField.invalid}
                    aria-invalid={bsnField.invalid ? true : undefined}
                    aria-describedby={bsnField.describedBy("verwijzing-bsn-uitleg")}
                    onChange={(e) => setBsn(e.currentTarget.value)}
                  />
                }
              />
              <ButtonGroup>
                <Button type="submit" appearance="primary-action-button" disabled={busy}>
                  Verwijzing vastleggen
                </Button>
                <Button
                  type="button"
                  appearance="secondary-action-button"
                  onClick={() => {
                    setBsn("");
                    setErrors([]);
                    setStage("start");
                  }}
                >
                  Annuleren
                </Button>
              </ButtonGroup>
            </form>
          ) : null}

          {referral && (stage === "toewijzing" || stage === "klaar") ? (
            <Alert type="ok">
              <Paragraph>
                Verwijzing vastgelegd op {dateLabel(referral.requestDate)} voor het kind met BSN {masked}
                {referral.segments.length > 0 ? `, advies segment ${referral.segments.join(", ")}` : ""}.
              </Paragraph>
            </Alert>
          ) : null}

          {stage === "toewijzing" ? (
            <form
              noValidate
              onSubmit={(e) => void submitAllocation(e)}
              className="ww-form"
              aria-labelledby="verwijzing-stap-toewijzing"
            >
              <Heading level={3} id="verwijzing-stap-toewijzing">
                Toewijzing
              </Heading>
              <Paragraph>
                Kies het segment, het product en een aanbieder met een contract. Wegwijzer controleert de
                toewijzing met de regels van de regio.
              </Paragraph>
              <ErrorSummary ref={summaryRef} errors={errors} />
              <FormField
                className="ww-question"
                invalid={segmentField.invalid}
                label={<FormLabel htmlFor="toewijzing-segment">Segment</FormLabel>}
                errorMessage={segmentField.error}
                input={
                  <Select
                    id="toewijzing-segment"
                    value={segment}
                    invalid={segmentField.invalid}
                    aria-invalid={segmentField.invalid ? true : undefined}
                    aria-describedby={segmentField.describedBy()}
                    onChange={(e) => {
                      const next = e.currentTarget.value;
                      setSegment(next);
                      setProduct(region?.segments.find((s) => s.id === next)?.products[0]?.id ?? "");
                      setProvider("");
                    }}
                  >
                    <SelectOption value="">Kies een segment</SelectOption>
                    {(region?.segments ?? []).map((s) => (
                      <SelectOption key={s.id} value={s.id}>
                        {s.name}
                        {advice.segments.some((a) => a.id === s.id) ? " (advies)" : ""}
                      </SelectOption>
                    ))}
                  </Select>
                }
              />
              <FormField
                className="ww-question"
                invalid={productField.invalid}
                label={<FormLabel htmlFor="toewijzing-product">Product</FormLabel>}
                errorMessage={productField.error}
                input={
                  <Select
                    id="toewijzing-product"
                    value={product}
                    invalid={productField.invalid}
                    aria-invalid={productField.invalid ? true : undefined}
                    aria-describedby={productField.describedBy()}
                    onChange={(e) => setProduct(e.currentTarget.value)}
                  >
                    <SelectOption value="">Kies een product</SelectOption>
                    {(segmentInfo?.products ?? []).map((p) => (
                      <SelectOption key={p.id} value={p.id}>
                        {p.name}
                      </SelectOption>
                    ))}
                  </Select>
                }
              />
              <FormField
                className="ww-question"
                invalid={providerField.invalid}
                label={<FormLabel htmlFor="toewijzing-aanbieder">Aanbieder</FormLabel>}
                description={
                  <FormFieldDescription id="toewijzing-aanbieder-uitleg">
                    Aanbieders met een contract voor dit segment op de startdatum.
                  </FormFieldDescription>
                }
                errorMessage={providerField.error}
                input={
                  <Select
                    id="toewijzing-aanbieder"
                    value={provider}
                    invalid={providerField.invalid}
                    aria-invalid={providerField.invalid ? true : undefined}
                    aria-describedby={providerField.describedBy("toewijzing-aanbieder-uitleg")}
                    onChange={(e) => setProvider(e.currentTarget.value)}
                  >
                    <SelectOption value="">
                      {contracts && contracts.length === 0
                        ? "Geen aanbieder met een contract"
                        : "Kies een aanbieder"}
                    </SelectOption>
                    {(contracts ?? []).map((c) => {
                      const products = c.contracts.map((x) => x.product);
                      const scope = products.includes(null)
                        ? "alle producten"
                        : `alleen ${products.filter((p): p is string => p !== null).join(", ")}`;
                      return (
                        <SelectOption key={c.agb} value={c.agb}>
                          {c.name} (AGB {c.agb}) — {scope}
                        </SelectOption>
                      );
                    })}
                  </Select>
                }
              />
              <FormField
                className="ww-question"
                invalid={startField.invalid}
                label={<FormLabel htmlFor="toewijzing-start">Startdatum</FormLabel>}
                description={
                  <FormFieldDescription id="toewijzing-start-uitleg">
                    Dag-maand-jaar, bijvoorbeeld 01-03-2024.
                  </FormFieldDescription>
                }
                errorMessage={startField.error}
                input={
                  <Textbox
                    id="toewijzing-start"
                    className="ww-textbox--short"
                    inputMode="numeric"
                    autoComplete="off"
                    value={startText}
                    invalid={startField.invalid}
                    aria-invalid={startField.invalid ? true : undefined}
                    aria-describedby={startField.describedBy("toewijzing-start-uitleg")}
                    onChange={(e) => setStartText(e.currentTarget.value)}
                  />
                }
              />
              <FormField
                className="ww-question"
                invalid={endField.invalid}
                label={<FormLabel htmlFor="toewijzing-einde">Einddatum</FormLabel>}
                description={
                  <FormFieldDescription id="toewijzing-einde-uitleg">
                    Dag-maand-jaar.
                    {maxDuration
                      ? ` Dit product duurt maximaal ${periodLabel(maxDuration)}: een einddatum is verplicht.`
                      : " Leeg laten mag als het product geen maximale duur heeft."}
                  </FormFieldDescription>
                }
                errorMessage={endField.error}
                input={
                  <Textbox
                    id="toewijzing-einde"
                    className="ww-textbox--short"
                    inputMode="numeric"
                    autoComplete="off"
                    value={endText}
                    invalid={endField.invalid}
                    aria-invalid={endField.invalid ? true : undefined}
                    aria-describedby={endField.describedBy("toewijzing-einde-uitleg")}
                    onChange={(e) => setEndText(e.currentTarget.value)}
                  />
                }
              />
              <ButtonGroup>
                <Button type="submit" appearance="primary-action-button" disabled={busy}>
                  Toewijzing vastleggen
                </Button>
              </ButtonGroup>
            </form>
          ) : null}

          {stage === "klaar" && made && referral ? (
            <div className="ww-referral-done">
              <Heading level={3} tabIndex={-1} ref={doneRef}>
                Toewijzing {made.toewijzing.number} vastgelegd
              </Heading>
              <DataList>
                <DataListItem>
                  <DataListKey>Segment en product</DataListKey>
                  <DataListValue>
                    {segmentInfo?.name ?? `Segment ${made.toewijzing.segment}`},{" "}
                    {productInfo?.name ?? made.toewijzing.product}
                  </DataListValue>
                </DataListItem>
                <DataListItem>
                  <DataListKey>Aanbieder</DataListKey>
                  <DataListValue>
                    {providerName(made.toewijzing.providerAgb)} (AGB {made.toewijzing.providerAgb})
                  </DataListValue>
                </DataListItem>
                <DataListItem>
                  <DataListKey>Periode</DataListKey>
                  <DataListValue>
                    {dateLabel(made.toewijzing.startDate)} tot en met{" "}
                    {made.toewijzing.endDate ? dateLabel(made.toewijzing.endDate) : "geen einddatum"}
                  </DataListValue>
                </DataListItem>
                {made.beeindigd.length > 0 ? (
                  <DataListItem>
                    <DataListKey>Beëindigd door deze toewijzing</DataListKey>
                    <DataListValue>{made.beeindigd.map((a) => a.number).join(", ")}</DataListValue>
                  </DataListItem>
                ) : null}
              </DataList>
              <Paragraph>
                <AppLink href={`/clienten/${referral.clientId}`}>Open het dossier van dit kind</AppLink>
              </Paragraph>
              <ButtonGroup>
                <Button
                  type="button"
                  appearance="secondary-action-button"
                  onClick={() => {
                    setMade(undefined);
                    setStage("toewijzing");
                  }}
                >
                  Nog een toewijzing voor dit kind
                </Button>
              </ButtonGroup>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
