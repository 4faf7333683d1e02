import { type ReadStage, readMessage } from "./codec.ts";
import type { Berichten } from "./messages.generated.ts";
import { checkMessageRules, type RuleContext, type RuleFinding } from "./message-rules.ts";
import type { XsdIssue } from "./xsd-validate.ts";
import type { MessageType } from "./xsd-model.ts";

/**
 * The full check of one incoming message: file, XML and XSD (level 1), then the in-message rules
 * (level 2). An XSD failure gets no retour in iJw (the sender hears it from the transport); a rule
 * finding does.
 */
export type Validation =
  | { valid: false; stage: ReadStage; type?: MessageType; issues: XsdIssue[]; findings: [] }
  | {
      valid: boolean;
      stage: "regels";
      type: MessageType;
      bericht: Berichten[MessageType];
      issues: [];
      findings: RuleFinding[];
    };

export function validateMessage(input: string | Uint8Array, ctx: RuleContext): Validation {
  const read = readMessage(input);
  if (!read.ok)
    return { valid: false, stage: read.stage, type: read.type, issues: read.issues, findings: [] };
  const bericht = read.bericht as unknown as Berichten[MessageType];
  const findings = checkMessageRules(read.type, bericht, ctx);
  return { valid: findings.length === 0, stage: "regels", type: read.type, bericht, issues: [], findings };
}
