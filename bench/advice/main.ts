import { formatMachine, formatTable, machine } from "../table.ts";
import { adviceRows } from "./measure.ts";

/**
 * The advice part on its own (issue 9, item 1):
 *
 *   npx tsx bench/advice/main.ts [--quick] [--regions hart-van-brabant,spic]
 *
 * The table goes to stdout, progress to stderr. `npm run bench` runs it among the other parts.
 */
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const regionsAt = args.indexOf("--regions");
const regions = regionsAt >= 0 ? args[regionsAt + 1]?.split(",").filter(Boolean) : undefined;
const rows = await adviceRows({ quick, log: (line) => console.error(line), ...(regions ? { regions } : {}) });
console.log(formatMachine(machine()).join("\n"));
console.log("");
console.log(formatTable(rows));
