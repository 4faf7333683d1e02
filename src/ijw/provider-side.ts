import type { IsoDate } from "../domain/dates.ts";
import { writeMessage } from "./codec.ts";
import type { RuleFinding } from "./message-rules.ts";
import type { Berichten } from "./messages.generated.ts";
import { buildRetour, isHeenType, RETOUR_OF } from "./retour.ts";
import { validateMessage } from "./validate-message.ts";
import type { MessageType } from "./xsd-model.ts";

/**
 * The provider's end of the exchange, as far as a provider's own system would go: receive a heenbericht
 * from the municipality (JW301 allocation, JW319 answer), check it as the standard asks and answer with
 * its retour (JW302, JW320). Pure, so both ends can be tested against each other without a provider
 * database.
 */

export interface Received {
  type?: MessageType;
  bericht?: Berichten[MessageType];
  /** XSD problems: no retour is sent for these. */
  problems: string[];
  findings: RuleFinding[];
  retour?: { type: MessageType; xml: string };
}

export function receiveAtProvider(
  input: string | Uint8Array,
  own: { agb: string; today: IsoDate; identificatie: string },
): Received {
  const checked = validateMessage(input, { today: own.today });
  if (checked.stage !== "regels") {
    return {
      problems: checked.issues.map((i) => `${i.path}: ${i.reason}`),
      findings: [],
      ...(checked.type ? { type: checked.type } : {}),
    };
  }
  const { type, bericht, findings } = checked;
  const header = bericht.Header as { Ontvanger: string };
  if (header.Ontvanger !== own.agb) {
    return {
      type,
      bericht,
      problems: [`bericht is gericht aan AGB ${header.Ontvanger}, niet aan ${own.agb}`],
      findings,
    };
  }
  if (!isHeenType(type) || !["JW301", "JW319"].includes(type)) {
    return { type, bericht, problems: [`een aanbieder ontvangt geen ${type}`], findings };
  }
  const retour = buildRetour(type, bericht as never, findings, {
    identificatie: own.identificatie,
    dagtekening: own.today,
  });
  const retourType = RETOUR_OF[type];
  return {
    type,
    bericht,
    problems: [],
    findings,
    retour: { type: retourType, xml: writeMessage(retourType, retour as never) },
  };
}
