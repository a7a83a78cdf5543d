// The test-bench settings of a plan (staging allowlist, HELP keywords, reply texts) between wire and row.
import type { ServicePlanRow } from "../../db/schema";
import { DEFAULT_HELP_KEYWORDS } from "../schemas/plan-extras";
import type { CreateServicePlanRequest, UpdateServicePlanRequest } from "../schemas/service-plans";

type ExtraColumns = Pick<
  ServicePlanRow,
  "simulateExcept" | "helpKeywords" | "optOutReply" | "optInReply" | "helpReply"
>;

const listColumn = (list: string[] | null | undefined, transform = (s: string) => s) =>
  list === null || list === undefined ? null : JSON.stringify([...new Set(list.map(transform))]);

export const helpKeywords = (row: ServicePlanRow): string[] =>
  row.helpKeywords === null ? DEFAULT_HELP_KEYWORDS : (JSON.parse(row.helpKeywords) as string[]);

/** The numbers a staging plan sends for real, or undefined when the plan is not staging. */
export const simulateExcept = (row: ServicePlanRow): Set<string> | undefined =>
  row.simulateExcept === null ? undefined : new Set(JSON.parse(row.simulateExcept) as string[]);

/** A Sinch plan with an allowlist: most recipients are simulated, so the simulator's tools apply. */
export const isStaging = (row: ServicePlanRow): boolean =>
  row.upstream === "sinch" && row.simulateExcept !== null;

export function extraSettings(row: ServicePlanRow) {
  return {
    simulate_except: row.simulateExcept === null ? null : (JSON.parse(row.simulateExcept) as string[]),
    help_keywords: helpKeywords(row),
    opt_out_reply: row.optOutReply,
    opt_in_reply: row.optInReply,
    help_reply: row.helpReply,
  };
}

/** The columns of a new plan. */
export function extraColumns(req: CreateServicePlanRequest): ExtraColumns {
  return {
    simulateExcept: listColumn(req.simulate_except),
    helpKeywords: listColumn(req.help_keywords, (w) => w.toUpperCase()),
    optOutReply: req.opt_out_reply ?? null,
    optInReply: req.opt_in_reply ?? null,
    helpReply: req.help_reply ?? null,
  };
}

/** The columns an update changes: only the settings it names. */
export function extraChanges(req: UpdateServicePlanRequest): Partial<ExtraColumns> {
  const all = extraColumns(req);
  return {
    ...(req.simulate_except !== undefined && { simulateExcept: all.simulateExcept }),
    ...(req.help_keywords !== undefined && { helpKeywords: all.helpKeywords }),
    ...(req.opt_out_reply !== undefined && { optOutReply: all.optOutReply }),
    ...(req.opt_in_reply !== undefined && { optInReply: all.optInReply }),
    ...(req.help_reply !== undefined && { helpReply: all.helpReply }),
  };
}

/** A plan without any of these settings (tests build plan rows by hand). */
export const NO_EXTRAS: ExtraColumns = extraColumns({});
