import { Heading, Paragraph } from "@utrecht/component-library-react";
import { AppLink } from "../router.tsx";
import { usePageTitle } from "../usePageTitle.ts";

export function NotFound() {
  usePageTitle("Pagina niet gevonden");
  return (
    <>
      <Heading level={1} tabIndex={-1}>
        Deze pagina bestaat niet
      </Heading>
      <Paragraph>
        Controleer het adres, of ga naar <AppLink href="/">het advies</AppLink>.
      </Paragraph>
    </>
  );
}
