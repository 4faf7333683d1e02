import type { PeerInput, StageHits } from "../plan.ts";
import * as amsterdamAmstelland from "./amsterdam-amstelland.ts";
import * as een10VoorDeJeugd from "./een-10-voor-de-jeugd.ts";
import * as hartVanBrabant from "./hart-van-brabant.ts";
import * as iajGwvHcmv from "./iaj-gwv-hcmv.ts";
import * as jeugdwet from "./jeugdwet.ts";
import * as spic from "./spic.ts";
import * as zaanstreekWaterland from "./zaanstreek-waterland.ts";

/** The generated limit functions per region (bench/advice/limit-generate.ts writes the files). */
export const limits: Record<
  string,
  { stageA(input: PeerInput): StageHits; stageB(input: PeerInput): StageHits }
> = {
  "amsterdam-amstelland": amsterdamAmstelland,
  "een-10-voor-de-jeugd": een10VoorDeJeugd,
  "hart-van-brabant": hartVanBrabant,
  "iaj-gwv-hcmv": iajGwvHcmv,
  jeugdwet,
  spic,
  "zaanstreek-waterland": zaanstreekWaterland,
};
