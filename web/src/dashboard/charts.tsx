import { useId } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from "recharts";

/**
 * The dashboard's charts (recharts). A chart is a picture for those who can see it: each one is a
 * role="img" with a name, and the same figures are in the text summary and the table beside it. So the
 * SVG has no focusable parts (accessibilityLayer off, no tooltip), most bars carry their figure as text,
 * and series differ in fill pattern and legend text as well as in colour (WCAG 1.4.1). No animation: the
 * screenshots and a user who asks for reduced motion get the final picture at once.
 *
 * Colours: at least 3:1 against white (WCAG 1.4.11) and apart from each other for common colour-blindness.
 */
export const COLOURS = {
  blue: "#154273",
  orange: "#a34400",
  purple: "#5b2a86",
  grey: "#4d4d4d",
} as const;

const TEXT = "#1a1a1a";
const AXIS = { fill: TEXT, fontSize: 13 };

type RenderableText = string | number | boolean | null | undefined;

/** An SVG-safe id (useId's own may hold characters a url(#…) reference does not like). */
function useSvgId(): string {
  return `ww${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
}

/** White stripes over the colour: the second series reads differently without colour. */
function Stripes({ id, colour }: { id: string; colour: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
      <rect width="8" height="8" fill={colour} />
      <line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" strokeWidth="3" />
    </pattern>
  );
}

function Dots({ id, colour }: { id: string; colour: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="7" height="7">
      <rect width="7" height="7" fill={colour} />
      <circle cx="3.5" cy="3.5" r="1.5" fill="#ffffff" />
    </pattern>
  );
}

function ChartBox({
  label,
  height,
  children,
}: {
  label: string;
  height: number;
  children: React.ReactElement;
}) {
  return (
    <div role="img" aria-label={label} className="ww-chart">
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

export interface BarDatum {
  name: string;
  value: number | null;
}

/** Horizontal bars, one per row, each with its figure written next to it. */
export function HorizontalBars({
  label,
  data,
  format,
  colour = COLOURS.blue,
  seriesName,
}: {
  label: string;
  data: BarDatum[];
  format: (n: number) => string;
  colour?: string;
  seriesName: string;
}) {
  // Long names (region, segment and product) wrap over two or three lines: give them room.
  const longest = Math.max(0, ...data.map((d) => d.name.length));
  const rowHeight = longest > 44 ? 46 : longest > 30 ? 36 : 28;
  const height = Math.max(120, 40 + data.length * rowHeight);
  return (
    <ChartBox label={label} height={height}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 110, bottom: 4, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke="#d0d0d0" />
        <XAxis type="number" tick={AXIS} tickFormatter={(v: number) => format(v)} />
        <YAxis type="category" dataKey="name" width={260} tick={AXIS} interval={0} />
        <Bar dataKey="value" name={seriesName} fill={colour} isAnimationActive={false}>
          <LabelList
            dataKey="value"
            position="right"
            fill={TEXT}
            fontSize={13}
            formatter={(v: RenderableText) => (typeof v === "number" ? format(v) : "minder dan 5")}
          />
        </Bar>
      </BarChart>
    </ChartBox>
  );
}

export interface SeriesSpec {
  key: string;
  name: string;
  colour: string;
  /** solid, stripes or dots: so the series differ without colour too. */
  fill: "solid" | "stripes" | "dots";
}

/** Vertical bars with several series per category (side by side, or stacked). */
export function GroupedBars({
  label,
  data,
  series,
  format,
  stacked = false,
  reference,
}: {
  label: string;
  data: Record<string, string | number | null>[];
  series: SeriesSpec[];
  format: (n: number) => string;
  stacked?: boolean;
  reference?: { value: number; label: string };
}) {
  const id = useSvgId();
  const fillOf = (s: SeriesSpec) => (s.fill === "solid" ? s.colour : `url(#${id}-${s.key})`);
  // Horizontal bars: the long category names (region, segment, product) stay readable on the left.
  const perRow = stacked ? 34 : 18 * series.length + 14;
  return (
    <ChartBox label={label} height={Math.max(160, 90 + data.length * perRow)}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: 24, right: 60, bottom: 4, left: 8 }}
        accessibilityLayer={false}
      >
        <defs>
          {series.map((s) =>
            s.fill === "stripes" ? (
              <Stripes key={s.key} id={`${id}-${s.key}`} colour={s.colour} />
            ) : s.fill === "dots" ? (
              <Dots key={s.key} id={`${id}-${s.key}`} colour={s.colour} />
            ) : null,
          )}
        </defs>
        <CartesianGrid horizontal={false} stroke="#d0d0d0" />
        <XAxis type="number" tick={AXIS} tickFormatter={(v: number) => format(v)} />
        <YAxis type="category" dataKey="name" width={260} tick={AXIS} interval={0} />
        <Legend wrapperStyle={{ color: TEXT }} />
        {reference ? (
          <ReferenceLine
            x={reference.value}
            stroke={TEXT}
            strokeWidth={2}
            strokeDasharray="6 4"
            label={{ value: reference.label, position: "top", fill: TEXT, fontSize: 13 }}
          />
        ) : null}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={fillOf(s)}
            stroke={s.colour}
            isAnimationActive={false}
            {...(stacked ? { stackId: "a" } : {})}
          >
            {/* Stacked parts are too narrow for a readable figure on a pattern: the table has them. */}
            {stacked ? null : (
              <LabelList
                dataKey={s.key}
                position="right"
                fill={TEXT}
                fontSize={12}
                formatter={(v: RenderableText) => (typeof v === "number" ? format(v) : "")}
              />
            )}
          </Bar>
        ))}
      </BarChart>
    </ChartBox>
  );
}

/** A line per series over the months, with a marker and the figure at each point. */
export function MonthLines({
  label,
  data,
  series,
  format,
}: {
  label: string;
  data: Record<string, string | number | null>[];
  series: { key: string; name: string; colour: string; dashed?: boolean }[];
  format: (n: number) => string;
}) {
  return (
    <ChartBox label={label} height={300}>
      <LineChart data={data} margin={{ top: 24, right: 40, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke="#d0d0d0" />
        <XAxis dataKey="name" tick={AXIS} interval={0} />
        <YAxis tick={AXIS} tickFormatter={(v: number) => format(v)} width={90} />
        <Legend wrapperStyle={{ color: TEXT }} />
        {series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.colour}
            strokeWidth={3}
            {...(s.dashed ? { strokeDasharray: "8 4" } : {})}
            dot={{ r: 4, fill: s.colour, strokeWidth: 0 }}
            connectNulls={false}
            isAnimationActive={false}
          >
            <LabelList
              dataKey={s.key}
              position={i % 2 === 0 ? "top" : "bottom"}
              fill={TEXT}
              fontSize={12}
              formatter={(v: RenderableText) => (typeof v === "number" ? format(v) : "")}
            />
          </Line>
        ))}
      </LineChart>
    </ChartBox>
  );
}

/**
 * The task-based budget: what is paid up to and including each month (bars; months still to come are a
 * forecast, drawn striped and named so in the legend) against the year's ceiling (a dashed line).
 */
export function BudgetBars({
  label,
  data,
  ceiling,
  format,
}: {
  label: string;
  data: { name: string; werkelijk: number | null; prognose: number | null }[];
  ceiling: number | null;
  format: (n: number) => string;
}) {
  const id = useSvgId();
  return (
    <ChartBox label={label} height={320}>
      <BarChart data={data} margin={{ top: 28, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
        <defs>
          <Stripes id={`${id}-prognose`} colour={COLOURS.orange} />
        </defs>
        <CartesianGrid vertical={false} stroke="#d0d0d0" />
        <XAxis dataKey="name" tick={AXIS} interval={0} />
        <YAxis
          tick={AXIS}
          tickFormatter={(v: number) => format(v)}
          width={120}
          domain={[0, (max: number) => Math.max(max, ceiling ?? 0)]}
        />
        <Legend wrapperStyle={{ color: TEXT }} />
        {ceiling !== null ? (
          <ReferenceLine
            y={ceiling}
            stroke={TEXT}
            strokeDasharray="6 4"
            label={{
              value: `Plafond ${format(ceiling)}`,
              position: "insideTopLeft",
              fill: TEXT,
              fontSize: 13,
            }}
          />
        ) : null}
        <Bar
          dataKey="werkelijk"
          name="Betaald tot en met de maand"
          stackId="b"
          fill={COLOURS.blue}
          isAnimationActive={false}
        />
        <Bar
          dataKey="prognose"
          name="Prognose tot en met de maand (gestreept)"
          stackId="b"
          fill={`url(#${id}-prognose)`}
          stroke={COLOURS.orange}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartBox>
  );
}
