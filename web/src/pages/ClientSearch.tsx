import {
  Alert,
  Button,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { type FormEvent, useRef, useState } from "react";
import { isValidBsn, maskBsn } from "../../../src/domain/bsn.ts";
import { ApiError, type Session } from "../api.ts";
import { type ClientSummary, registry } from "../clients/clientApi.ts";
import { ErrorSummary, errorFor, type FieldError, fieldErrorsOf } from "../clients/forms.tsx";
import { dateLabel } from "../labels.ts";
import { AppLink } from "../router.tsx";
import { usePageTitle } from "../usePageTitle.ts";

/**
 * Find a client by BSN (/clienten). The BSN is typed in a form and sent in the body of a POST, so it
 * never lands in an address, the browser history or a server log; after the search the field is emptied
 * and the number shows masked. The file itself opens at /clienten/{id}: an id, never a BSN.
 */

export function SignInFirst({ what }: { what: string }) {
  return (
    <Alert type="info">
      <Paragraph>
        Meld u eerst aan om {what} te zien. <AppLink href="/aanmelden">Naar aanmelden</AppLink>
      </Paragraph>
    </Alert>
  );
}

export function ClientSearch({ session }: { session: Session | null | undefined }) {
  usePageTitle("Cliënt zoeken");
  const [bsn, setBsn] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [searched, setSearched] = useState<string | undefined>();
  const [found, setFound] = useState<ClientSummary[] | undefined>();
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const showErrors = (list: FieldError[]) => {
    setErrors(list);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!session) return;
    const typed = bsn.replace(/\s+/g, "");
    if (!isValidBsn(typed)) {
      showErrors([
        {
          id: "zoek-bsn",
          message: "Vul een geldig burgerservicenummer in van 9 cijfers. Controleer de cijfers.",
        },
      ]);
      return;
    }
    setBusy(true);
    try {
      const answer = await registry.search(typed, session.csrfToken);
      setErrors([]);
      setFound(answer.clienten);
      // The number leaves the form: on screen it stays only masked.
      setSearched(maskBsn(typed));
      setBsn("");
    } catch (error) {
      showErrors(
        error instanceof ApiError
          ? fieldErrorsOf(error, { bsn: { id: "zoek-bsn", label: "Het burgerservicenummer" } })
          : [{ message: "Er ging iets mis. Probeer het opnieuw." }],
      );
    } finally {
      setBusy(false);
    }
  };

  const bsnError = errorFor(errors, "zoek-bsn");

  return (
    <>
      <Heading level={1} tabIndex={-1}>
        Cliënt zoeken
      </Heading>
      <Paragraph appearance="lead">
        Zoek het dossier van een kind met het burgerservicenummer (BSN). U vindt alleen kinderen die u met uw
        rol en organisatie mag zien.
      </Paragraph>
      {session === null ? <SignInFirst what="dossiers" /> : null}
      {session ? (
        <form noValidate onSubmit={(e) => void submit(e)} className="ww-form" aria-labelledby="zoek-kop">
          <Heading level={2} id="zoek-kop">
            Zoeken op BSN
          </Heading>
          <ErrorSummary ref={summaryRef} errors={errors} />
          <FormField
            className="ww-question"
            invalid={Boolean(bsnError)}
            label={<FormLabel htmlFor="zoek-bsn">Burgerservicenummer van het kind</FormLabel>}
            description={
              <FormFieldDescription id="zoek-bsn-uitleg">
                9 cijfers. Het nummer gaat alleen naar de server en komt niet in het adres van de pagina.
              </FormFieldDescription>
            }
            errorMessage={
              bsnError ? <FormFieldErrorMessage id="zoek-bsn-fout">{bsnError}</FormFieldErrorMessage> : null
            }
            input={
              <Textbox
                id="zoek-bsn"
                name="bsn"
                className="ww-textbox--short"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                value={bsn}
                invalid={Boolean(bsnError)}
                aria-invalid={bsnError ? true : undefined}
                aria-describedby={bsnError ? "zoek-bsn-uitleg zoek-bsn-fout" : "zoek-bsn-uitleg"}
                onChange={(e) => setBsn(e.currentTarget.value)}
              />
            }
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={busy}>
              Zoeken
            </Button>
          </ButtonGroup>
        </form>
      ) : null}
      <div role="status">
        {found && searched ? (
          <section aria-labelledby="zoek-resultaat">
            <Heading level={2} id="zoek-resultaat">
              Gevonden met BSN {searched}
            </Heading>
            {found.length === 0 ? (
              <Paragraph>
                Geen dossier gevonden. Het kind staat niet in het register, of u mag dit dossier niet zien.
              </Paragraph>
            ) : (
              <UnorderedList>
                {found.map((c) => (
                  <UnorderedListItem key={c.id}>
                    <AppLink href={`/clienten/${c.id}`}>
                      Dossier van {c.name ?? "het kind"}
                      {c.birthDate ? `, geboren ${dateLabel(c.birthDate)}` : ""}
                    </AppLink>
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            )}
          </section>
        ) : null}
      </div>
    </>
  );
}
