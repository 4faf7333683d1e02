import {
  Alert,
  Button,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { type FormEvent, useState } from "react";
import { api, ApiError, type Comparison, type RegionList } from "../api.ts";

/**
 * "Vergelijk met een andere regio": the same case in the region of the advice and one other region
 * (POST /compare). By default the API judges the case as if the child lived in that other region.
 */
export function CompareRegions({
  current,
  regions,
  date,
  caseFacts,
}: {
  current: { id: string; name: string };
  regions: RegionList["regions"];
  date: string;
  caseFacts: Record<string, unknown>;
}) {
  const [other, setOther] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [comparison, setComparison] = useState<Comparison | undefined>();
  const [problem, setProblem] = useState<ApiError | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!other) {
      setError("Kies de regio waarmee u wilt vergelijken.");
      return;
    }
    setError(undefined);
    try {
      setComparison(await api.compare({ regionIds: [current.id, other], date, case: caseFacts }));
      setProblem(undefined);
    } catch (e) {
      setComparison(undefined);
      setProblem(e instanceof ApiError ? e : new ApiError(0, "Er ging iets mis", "Probeer het opnieuw."));
    }
  };

  const name = (id: string) => comparison?.regions.find((r) => r.id === id)?.name ?? id;

  return (
    <section aria-labelledby="vergelijk" className="ww-compare">
      <Heading level={3} id="vergelijk">
        Vergelijk met een andere regio
      </Heading>
      <Paragraph>
        Zie hoe dezelfde hulpvraag in een andere regio uitpakt. Wegwijzer doet dan alsof de jeugdige in die
        regio woont.
      </Paragraph>
      <form noValidate onSubmit={submit} className="ww-form ww-no-print ww-inline-form">
        <FormField
          invalid={error !== undefined}
          label={<FormLabel htmlFor="vergelijk-regio">Andere regio</FormLabel>}
          errorMessage={
            error ? <FormFieldErrorMessage id="vergelijk-regio-fout">{error}</FormFieldErrorMessage> : null
          }
          input={
            <Select
              id="vergelijk-regio"
              value={other}
              invalid={error !== undefined}
              aria-invalid={error !== undefined ? true : undefined}
              aria-describedby={error ? "vergelijk-regio-fout" : undefined}
              onChange={(e) => setOther(e.currentTarget.value)}
            >
              <SelectOption value="">Kies een regio</SelectOption>
              {regions
                .filter((r) => r.id !== current.id)
                .map((r) => (
                  <SelectOption key={r.id} value={r.id}>
                    {r.name}
                  </SelectOption>
                ))}
            </Select>
          }
        />
        <Button type="submit" appearance="secondary-action-button">
          Vergelijk
        </Button>
      </form>
      {problem ? (
        <Alert type="error">
          <Paragraph>
            {problem.title}: {problem.detail}
          </Paragraph>
        </Alert>
      ) : null}
      {comparison ? (
        <div className="ww-comparison">
          <Table>
            <caption className="ww-caption">
              {comparison.regions.map((r) => r.name).join(" en ")} naast elkaar
            </caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Onderdeel</TableHeaderCell>
                {comparison.regions.map((r) => (
                  <TableHeaderCell key={r.id} scope="col">
                    {r.name}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell scope="col">Verschil</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {comparison.aspects.map((a) => (
                <TableRow key={a.aspect} className={a.differs ? "ww-differs" : undefined}>
                  <TableHeaderCell scope="row">{a.label}</TableHeaderCell>
                  {comparison.regions.map((r) => {
                    const v = a.values.find((x) => x.region === r.id);
                    return <TableCell key={r.id}>{v?.value ?? "–"}</TableCell>;
                  })}
                  <TableCell>{a.differs ? "Verschilt" : "Gelijk"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {comparison.moved.length > 0 ? (
            <UnorderedList>
              {comparison.moved.map((m) => (
                <UnorderedListItem key={m.region}>
                  In {name(m.region)} is de hulpvraag beoordeeld alsof de jeugdige in {m.municipality.name}{" "}
                  woont.
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
