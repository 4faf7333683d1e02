import { jreRunner } from "./jre.ts";
import { limits } from "./limit/index.ts";
import type { RegionPlan, StageRunner } from "./plan.ts";
import { zenRunner } from "./zen.ts";

/** The limit for a region: its generated straight-line functions, if the region has them. */
export function limitRunner(plan: RegionPlan): StageRunner | undefined {
  const limit = limits[plan.model.info.id];
  return limit ? { name: "limit", stageA: limit.stageA, stageB: limit.stageB } : undefined;
}

/** The peers and the limit every region model is compared with, in the order the table shows them. */
export function peerRunners(plan: RegionPlan): StageRunner[] {
  const limit = limitRunner(plan);
  return [zenRunner(plan), jreRunner(plan), ...(limit ? [limit] : [])];
}
