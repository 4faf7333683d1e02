import type { z } from "zod";
import type {
  adviceSchema,
  comparisonSchema,
  regionCheckSchema,
  regionListSchema,
  regionSummarySchema,
  sessionSchema,
} from "../../src/server/schemas.ts";
import type {
  deliveryReportListSchema,
  deliveryReportOutcomeSchema,
  deliveryReportRequestSchema,
  requestListSchema,
} from "../../src/server/schemas-provider.ts";
import type { regionDiffSchema, regionRulesSchema } from "../../src/server/schemas-regions.ts";
import type { allocationListSchema } from "../../src/server/schemas-registry.ts";
import type { reportSchema } from "../../src/server/schemas-registry.ts";

/**
 * The API as the web app uses it: same origin (the server serves the app), JSON in and out, problem
 * details (RFC 9457) turned into an ApiError with the server's Dutch title and detail. The types are the
 * server's own zod schemas, so a changed answer shows up in the type check of the app too.
 */

export type Advice = z.infer<typeof adviceSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type RegionList = z.infer<typeof regionListSchema>;
export type RegionSummary = z.infer<typeof regionSummarySchema>;
export type RegionCheck = z.infer<typeof regionCheckSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type CitedSource = Advice["eligibility"]["source"];
export type RegionRules = z.infer<typeof regionRulesSchema>;
export type RegionDiff = z.infer<typeof regionDiffSchema>;
export type AllocationList = z.infer<typeof allocationListSchema>;
export type DeliveryReportList = z.infer<typeof deliveryReportListSchema>;
export type DeliveryReportRequest = z.infer<typeof deliveryReportRequestSchema>;
export type DeliveryReportOutcome = z.infer<typeof deliveryReportOutcomeSchema>;
export type RequestList = z.infer<typeof requestListSchema>;
export type Report = z.infer<typeof reportSchema>;

export interface FieldProblem {
  pointer: string;
  detail: string;
  /** The rule or check that refused (e.g. "maximale-duur"), when the server names one. */
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(detail || title);
  }
}

const BASE = "/api/v1";

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  csrfToken?: string,
  /** "omit" for the public POSTs (advice, compare): without the session cookie they need no CSRF token. */
  credentials: RequestCredentials = "same-origin",
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers,
      credentials,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, "Geen verbinding", "De server is niet te bereiken. Probeer het later opnieuw.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (data ?? {}) as { title?: string; detail?: string; errors?: FieldProblem[] };
    throw new ApiError(
      response.status,
      problem.title ?? "Er ging iets mis",
      problem.detail ?? `De server gaf antwoord ${response.status}.`,
      problem.errors ?? [],
    );
  }
  return data as T;
}

export interface AdviceRequest {
  regionId?: string;
  municipality?: string;
  date: string;
  case: Record<string, unknown>;
}

export interface ReportParams {
  jaar: number;
  regio?: string;
  peildatum: string;
}

/** A report's address; with `formaat` it is the CSV or XLSX download (the server sends it as an attachment). */
export function reportUrl(naam: string, params: ReportParams, formaat?: "csv" | "xlsx"): string {
  const query = new URLSearchParams({ jaar: String(params.jaar), peildatum: params.peildatum });
  if (params.regio) query.set("regio", params.regio);
  if (formaat) query.set("formaat", formaat);
  return `${BASE}/monitoring/rapporten/${encodeURIComponent(naam)}?${query.toString()}`;
}

export const api = {
  regions: () => request<RegionList>("GET", "/regions"),
  region: (id: string) => request<RegionSummary>("GET", `/regions/${encodeURIComponent(id)}`),
  regionCheck: (id: string) => request<RegionCheck>("GET", `/regions/${encodeURIComponent(id)}/check`),
  advice: (body: AdviceRequest) => request<Advice>("POST", "/advice", body, undefined, "omit"),
  compare: (body: { regionIds: string[]; date: string; case: Record<string, unknown> }) =>
    request<Comparison>("POST", "/compare", body, undefined, "omit"),
  regionRules: (id: string, date: string) =>
    request<RegionRules>("GET", `/regions/${encodeURIComponent(id)}/rules?datum=${encodeURIComponent(date)}`),
  regionDiff: (a: string, b: string, date: string) =>
    request<RegionDiff>(
      "GET",
      `/regions/${encodeURIComponent(a)}/differences?with=${encodeURIComponent(b)}&datum=${encodeURIComponent(date)}`,
    ),
  allocations: () => request<AllocationList>("GET", "/toewijzingen"),
  deliveryReports: (nummer: string) =>
    request<DeliveryReportList>("GET", `/toewijzingen/${encodeURIComponent(nummer)}/meldingen`),
  reportDelivery: (nummer: string, body: DeliveryReportRequest, csrfToken: string) =>
    request<DeliveryReportOutcome>(
      "POST",
      `/toewijzingen/${encodeURIComponent(nummer)}/meldingen`,
      body,
      csrfToken,
    ),
  ijwRequests: () => request<RequestList>("GET", "/ijw/verzoeken"),
  session: () => request<Session>("GET", "/sessie"),
  demoLogin: (gebruiker: string) => request<Session>("POST", "/sessie/demo", { gebruiker }),
  logout: (csrfToken: string) => request<undefined>("DELETE", "/sessie", undefined, csrfToken),
  report: (naam: string, params: ReportParams) =>
    request<Report>("GET", reportUrl(naam, params).slice(BASE.length)),
};
