import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
  Select,
  SelectOption,
  Textbox,
} from "@utrecht/component-library-react";
import { type ReactNode, useEffect, useState } from "react";
import { factCatalog, type FactType } from "../../../src/rules/facts.ts";
import type { RegionSummary } from "../api.ts";
import { dutchDate, parseDutchDate, valueLabel } from "../labels.ts";

/**
 * One question of the guided advice, shaped by the type of the fact the engine asks for
 * (src/rules/facts.ts): yes/no and short choices as radio buttons, long choices as a select, sets as
 * check boxes, numbers and dates as text fields that count once the field is left (Tab) or Enter is
 * pressed. Every question can be answered with "weet ik niet": the advice then says what stays open.
 */

export const UNKNOWN = "__onbekend__";

export type Answer = { kind: "value"; value: unknown } | { kind: "unknown" };

interface QuestionProps {
  fact: string;
  question: string;
  answer: Answer | undefined;
  region: RegionSummary | undefined;
  onAnswer: (answer: Answer | undefined) => void;
}

const idOf = (fact: string) => `vraag-${fact.replace(/[^a-zA-Z0-9]/g, "-")}`;

type Shape =
  | { kind: "radio"; options: { value: string; label: string }[] }
  | { kind: "select"; options: { value: string; label: string }[] }
  | { kind: "checkboxes"; options: { value: string; label: string }[]; wrap: (v: string[]) => unknown }
  | { kind: "number"; unit?: string }
  | { kind: "date" }
  | { kind: "text" };

function shapeOf(fact: string, region: RegionSummary | undefined): Shape {
  if (fact === "municipality") {
    const seen = new Map<string, string>();
    for (const m of region?.municipalities ?? []) seen.set(m.cbs, m.name);
    return {
      kind: "select",
      options: [...seen.entries()]
        .sort((a, b) => a[1].localeCompare(b[1], "nl"))
        .map(([cbs, name]) => ({ value: cbs, label: `${name} (${cbs})` })),
    };
  }
  if (fact === "siblings" || fact === "currentCare") {
    const regionId = region?.id;
    return {
      kind: "checkboxes",
      options: (region?.segments ?? []).map((s) => ({ value: s.id, label: s.name })),
      wrap: (segments) => segments.map((segment) => (regionId ? { segment, region: regionId } : { segment })),
    };
  }
  const type: FactType | undefined = factCatalog[fact]?.type;
  if (!type) return { kind: "text" };
  switch (type.kind) {
    case "boolean":
      return {
        kind: "radio",
        options: [
          { value: "ja", label: "Ja" },
          { value: "nee", label: "Nee" },
        ],
      };
    case "enum": {
      const options = type.values.map((v) => ({ value: v, label: valueLabel(v) }));
      return options.length <= 4 ? { kind: "radio", options } : { kind: "select", options };
    }
    case "set":
      return {
        kind: "checkboxes",
        options: type.values.map((v) => ({ value: v, label: valueLabel(v) })),
        wrap: (v) => v,
      };
    case "number":
      return type.unit ? { kind: "number", unit: type.unit } : { kind: "number" };
    case "date":
      return { kind: "date" };
  }
}

/** The stored answer as the value a control shows. */
function shown(answer: Answer | undefined, shape: Shape): string {
  if (!answer) return "";
  if (answer.kind === "unknown") return UNKNOWN;
  const v = answer.value;
  if (shape.kind === "radio" && typeof v === "boolean") return v ? "ja" : "nee";
  if (shape.kind === "date" && typeof v === "string") return dutchDate(v);
  if (typeof v === "number") return String(v).replace(".", ",");
  return typeof v === "string" ? v : "";
}

export function Question({ fact, question, answer, region, onAnswer }: QuestionProps) {
  const shape = shapeOf(fact, region);
  const id = idOf(fact);
  const factType = factCatalog[fact]?.type;

  if (shape.kind === "radio") {
    const current = shown(answer, shape);
    const choose = (value: string) => {
      if (value === UNKNOWN) onAnswer({ kind: "unknown" });
      else if (factType?.kind === "boolean") onAnswer({ kind: "value", value: value === "ja" });
      else onAnswer({ kind: "value", value });
    };
    return (
      <Fieldset
        id={id}
        className="ww-question"
        role="radiogroup"
        data-fact={fact}
        data-answered={answer ? "ja" : "nee"}
      >
        <FieldsetLegend>{question}</FieldsetLegend>
        {[...shape.options, { value: UNKNOWN, label: "Weet ik niet" }].map((o) => (
          <FormField
            key={o.value}
            type="radio"
            label={
              <FormLabel htmlFor={`${id}-${o.value}`} type="radio">
                {o.label}
              </FormLabel>
            }
            input={
              <RadioButton
                id={`${id}-${o.value}`}
                name={id}
                value={o.value}
                checked={current === o.value}
                onChange={() => choose(o.value)}
              />
            }
          />
        ))}
      </Fieldset>
    );
  }

  if (shape.kind === "select") {
    const current = shown(answer, shape);
    return (
      <FormField
        className="ww-question"
        data-fact={fact}
        data-answered={answer ? "ja" : "nee"}
        label={<FormLabel htmlFor={id}>{question}</FormLabel>}
        input={
          <Select
            id={id}
            value={current}
            onChange={(e) => {
              const v = e.currentTarget.value;
              onAnswer(
                v === "" ? undefined : v === UNKNOWN ? { kind: "unknown" } : { kind: "value", value: v },
              );
            }}
          >
            <SelectOption value="">Kies een antwoord</SelectOption>
            {shape.options.map((o) => (
              <SelectOption key={o.value} value={o.value}>
                {o.label}
              </SelectOption>
            ))}
            <SelectOption value={UNKNOWN}>Weet ik niet</SelectOption>
          </Select>
        }
      />
    );
  }

  if (shape.kind === "checkboxes") {
    return (
      <CheckboxQuestion
        fact={fact}
        id={id}
        question={question}
        shape={shape}
        answer={answer}
        onAnswer={onAnswer}
      />
    );
  }

  return (
    <TextQuestion fact={fact} id={id} question={question} shape={shape} answer={answer} onAnswer={onAnswer} />
  );
}

/** "Geen van deze" first: an empty set is an answer too ("no other domains"), unlike no answer at all. */
function CheckboxQuestion({
  fact,
  id,
  question,
  shape,
  answer,
  onAnswer,
}: {
  fact: string;
  id: string;
  question: string;
  shape: Extract<Shape, { kind: "checkboxes" }>;
  answer: Answer | undefined;
  onAnswer: (answer: Answer | undefined) => void;
}) {
  const chosen = new Set(
    answer?.kind === "value" && Array.isArray(answer.value)
      ? answer.value.map((x: unknown) =>
          typeof x === "object" && x !== null && "segment" in x ? String(x.segment) : String(x),
        )
      : [],
  );
  const none = answer?.kind === "value" && chosen.size === 0;
  const toggle = (value: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(value);
    else next.delete(value);
    const list = shape.options.map((o) => o.value).filter((v) => next.has(v));
    onAnswer(list.length === 0 ? undefined : { kind: "value", value: shape.wrap(list) });
  };
  const box = (key: string, label: ReactNode, checked: boolean, onChange: (on: boolean) => void) => (
    <FormField
      key={key}
      type="checkbox"
      label={
        <FormLabel htmlFor={`${id}-${key}`} type="checkbox">
          {label}
        </FormLabel>
      }
      input={
        <Checkbox id={`${id}-${key}`} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      }
    />
  );
  return (
    <Fieldset
      id={id}
      className="ww-question"
      aria-describedby={`${id}-uitleg`}
      data-fact={fact}
      data-answered={answer ? "ja" : "nee"}
    >
      <FieldsetLegend>{question}</FieldsetLegend>
      <FormFieldDescription id={`${id}-uitleg`}>Kies alles wat past.</FormFieldDescription>
      <div className={shape.options.length > 8 ? "ww-choices ww-choices--columns" : "ww-choices"}>
        {box("geen", "Geen van deze", none, (on) =>
          onAnswer(on ? { kind: "value", value: shape.wrap([]) } : undefined),
        )}
        {shape.options.map((o) => box(o.value, o.label, chosen.has(o.value), (on) => toggle(o.value, on)))}
      </div>
    </Fieldset>
  );
}

function TextQuestion({
  fact,
  id,
  question,
  shape,
  answer,
  onAnswer,
}: {
  fact: string;
  id: string;
  question: string;
  shape: Extract<Shape, { kind: "number" | "date" | "text" }>;
  answer: Answer | undefined;
  onAnswer: (answer: Answer | undefined) => void;
}) {
  const stored = answer?.kind === "value" ? shown(answer, shape) : "";
  const [draft, setDraft] = useState(stored);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setDraft(stored), [stored]);

  const commit = () => {
    const text = draft.trim();
    if (text === "") {
      setError(undefined);
      if (answer) onAnswer(undefined);
      return;
    }
    if (shape.kind === "number") {
      const n = Number(text.replace(",", "."));
      if (!/^\d+([.,]\d+)?$/.test(text) || !Number.isFinite(n)) {
        setError("Vul een getal in, 0 of meer. Bijvoorbeeld 120.");
        return;
      }
      setError(undefined);
      onAnswer({ kind: "value", value: n });
      return;
    }
    if (shape.kind === "date") {
      const iso = parseDutchDate(text);
      if (!iso) {
        setError("Vul een bestaande datum in als dag-maand-jaar. Bijvoorbeeld 20-01-2015.");
        return;
      }
      setError(undefined);
      onAnswer({ kind: "value", value: iso });
      return;
    }
    setError(undefined);
    onAnswer({ kind: "value", value: text });
  };

  const hint =
    shape.kind === "date"
      ? "Dag-maand-jaar, bijvoorbeeld 20-01-2015. Laat leeg als u het niet weet."
      : shape.kind === "number"
        ? `Een getal${shape.unit ? ` (${shape.unit})` : ""}. Laat leeg als u het niet weet.`
        : "Laat leeg als u het niet weet.";
  const describedBy = [`${id}-uitleg`, error ? `${id}-fout` : ""].filter(Boolean).join(" ");
  return (
    <FormField
      className="ww-question"
      data-fact={fact}
      data-answered={answer ? "ja" : "nee"}
      invalid={error !== undefined}
      label={<FormLabel htmlFor={id}>{question}</FormLabel>}
      description={<FormFieldDescription id={`${id}-uitleg`}>{hint}</FormFieldDescription>}
      errorMessage={error ? <FormFieldErrorMessage id={`${id}-fout`}>{error}</FormFieldErrorMessage> : null}
      input={
        <Textbox
          id={id}
          className={shape.kind === "text" ? undefined : "ww-textbox--short"}
          inputMode={shape.kind === "number" ? "decimal" : shape.kind === "date" ? "numeric" : "text"}
          autoComplete="off"
          value={draft}
          invalid={error !== undefined}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
        />
      }
    />
  );
}
