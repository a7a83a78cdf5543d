// A plan's scripted simulator rules, compiled once per read: which rule a recipient meets (first match wins),
// and what that rule makes of its message: the outcome, the receipt delay, extra receipts and a handset reply.
import type { Db } from "../db/client";
import { findSimulatorRules, takeRefusal } from "../db/simulator-rules";
import { CODES, type StatusCode } from "../domain/delivery/codes";
import type { SimulatorRule } from "../domain/schemas/simulator-rules";
import { compilePattern } from "../domain/simulator/rule-pattern";
import { type SimulatedOutcome, simulatedOutcome } from "./simulator-outcomes";
import { UpstreamUnavailable } from "./upstream";

export interface CompiledRule {
  index: number;
  rule: SimulatorRule;
  test: (recipient: string) => boolean;
}

export interface RuleBook {
  rules: CompiledRule[];
  seed: number;
}

function matcher(match: SimulatorRule["match"]): (recipient: string) => boolean {
  if (match.number !== undefined) {
    const number = match.number;
    return (r) => r === number;
  }
  if (match.prefix !== undefined) {
    const prefix = match.prefix;
    return (r) => r.startsWith(prefix);
  }
  const pattern = compilePattern(match.pattern ?? "");
  return (r) => pattern.test(r);
}

export function compileRules(rules: SimulatorRule[], seed: number): RuleBook {
  return { rules: rules.map((rule, index) => ({ index, rule, test: matcher(rule.match) })), seed };
}

/** One read per upstream instance (one engine run): rule changes apply from the next run. */
export async function loadRuleBook(db: Db, planId: string): Promise<RuleBook> {
  const row = await findSimulatorRules(db, planId);
  return row ? compileRules(JSON.parse(row.rules) as SimulatorRule[], row.seed) : { rules: [], seed: 0 };
}

export function ruleFor(book: RuleBook, recipient: string): CompiledRule | undefined {
  for (const compiled of book.rules) if (compiled.test(recipient)) return compiled;
  return undefined;
}

const FINAL: Record<"Delivered" | "Failed" | "Rejected", StatusCode> = {
  Delivered: CODES.delivered,
  Failed: CODES.operatorFailed,
  Rejected: CODES.operatorRejected,
};

/** The rule's outcome, or the last-four-digit table's when the rule names none. */
export function ruleOutcome(rule: SimulatorRule | undefined, recipient: string): SimulatedOutcome {
  const outcome = rule?.outcome;
  if (outcome === undefined) return simulatedOutcome(recipient);
  const withCode = (base: StatusCode): StatusCode => ({
    status: base.status,
    code: outcome.code ?? base.code,
  });
  switch (outcome.status) {
    case "none":
      return { submitted: CODES.dispatched };
    case "Aborted":
      return { submitted: withCode(CODES.unroutable) };
    default:
      return { submitted: CODES.dispatched, final: withCode(FINAL[outcome.status]) };
  }
}

/** A 32-bit hash of the text, mixed with the seed (FNV-1a, then a finaliser): the same inputs, the same draw. */
function draw(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** A rule's delay for one recipient: fixed, or drawn from [min, max] by the plan's seed (repeatable). */
export function ruleDelay(
  book: RuleBook,
  compiled: CompiledRule | undefined,
  recipient: string,
  fallback: number,
) {
  const delay = compiled?.rule.delay_ms;
  if (delay === undefined) return fallback;
  if (typeof delay === "number") return delay;
  const [min = 0, max = min] = delay;
  return min + Math.floor(draw(book.seed, `${compiled?.index}:${recipient}`) * (max - min + 1));
}

/**
 * A scripted carrier refusal: the first matching rule with a `submit_error` that has refusals left refuses
 * the whole submission, as a carrier answering 429/5xx would; the engine backs off and resubmits.
 */
export async function refuseIfScripted(
  db: Db,
  planId: string,
  matched: (CompiledRule | undefined)[],
): Promise<void> {
  const refusing = new Map<number, CompiledRule>();
  for (const compiled of matched) if (compiled?.rule.submit_error) refusing.set(compiled.index, compiled);
  for (const compiled of [...refusing.values()].sort((a, b) => a.index - b.index)) {
    const error = compiled.rule.submit_error;
    if (error && (await takeRefusal(db, planId, compiled.index, error.times)))
      throw new UpstreamUnavailable(`simulated carrier answered ${error.status} (rule ${compiled.index})`);
  }
}
