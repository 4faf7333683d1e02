import type { z } from "zod";
import type {
  accessLogSchema,
  allocationCreatedSchema,
  clientFileSchema,
  clientSummarySchema,
  contractListSchema,
  deadlineListSchema,
  messageListSchema,
  referralCreatedSchema,
} from "../../../src/server/schemas-registry.ts";
import { request } from "../api.ts";

/**
 * The registry calls of the client file and the referral flow. The BSN only ever goes in a POST body
 * (search, referral), never in a path or query; changes carry the CSRF token from GET /sessie.
 */

export type ClientSummary = z.infer<typeof clientSummarySchema>;
export type ClientFile = z.infer<typeof clientFileSchema>;
export type AccessLog = z.infer<typeof accessLogSchema>;
export type DeadlineList = z.infer<typeof deadlineListSchema>;
export type Deadline = DeadlineList["termijnen"][number];
export type MessageList = z.infer<typeof messageListSchema>;
export type ContractList = z.infer<typeof contractListSchema>;
export type ReferralCreated = z.infer<typeof referralCreatedSchema>;
export type AllocationCreated = z.infer<typeof allocationCreatedSchema>;
export type Allocation = ClientFile["allocations"][number];

export interface AllocationInput {
  clientId: string;
  referralId?: string;
  municipality: string;
  segment: string;
  product: string;
  providerAgb: string;
  startDate: string;
  endDate?: string;
  idempotencyKey: string;
}

const id = (value: string) => encodeURIComponent(value);

export const registry = {
  search: (bsn: string, csrfToken: string) =>
    request<{ clienten: ClientSummary[] }>("POST", "/clienten/zoeken", { bsn }, csrfToken),
  file: (clientId: string) => request<ClientFile>("GET", `/clienten/${id(clientId)}`),
  accessLog: (clientId: string) => request<AccessLog>("GET", `/clienten/${id(clientId)}/inzage`),
  deadlines: (clientId: string) => request<DeadlineList>("GET", `/termijnen?client=${id(clientId)}`),
  messages: (clientId: string) => request<MessageList>("GET", `/ijw/berichten?client=${id(clientId)}`),
  contracts: (regionId: string, segment: string, date: string) =>
    request<ContractList>(
      "GET",
      `/contracten?regio=${id(regionId)}&segment=${id(segment)}&datum=${id(date)}`,
    ),
  createReferral: (
    body: { bsn: string; case: Record<string, unknown>; idempotencyKey: string },
    csrfToken: string,
  ) => request<ReferralCreated>("POST", "/verwijzingen", body, csrfToken),
  createAllocation: (body: AllocationInput, csrfToken: string) =>
    request<AllocationCreated>("POST", "/toewijzingen", body, csrfToken),
};
