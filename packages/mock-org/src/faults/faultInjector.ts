import { compilePathGlob } from './pathGlob.js';
import { mulberry32 } from './prng.js';
import type { FaultConfig, FaultController, FaultDecision, FaultRule, FaultState } from './types.js';
import { parseFaultConfig } from './validateFaults.js';

const DEFAULT_SEED = 1;

/** An org's faults: the controller its callers see plus `decide`, which the router asks once per request. */
export interface FaultInjector extends FaultController {
  decide(method: string, path: string): FaultDecision | undefined;
}

interface CompiledRule {
  rule: FaultRule;
  path: RegExp;
  method?: string;
}

export function createFaultInjector(initial?: FaultConfig | FaultRule[]): FaultInjector {
  let seed = DEFAULT_SEED;
  let rules: CompiledRule[] = [];
  let fired: number[] = [];
  let random = mulberry32(seed);

  const set = (config: FaultConfig | FaultRule[]): void => {
    const checked = parseFaultConfig(config);
    seed = checked.seed ?? seed;
    rules = checked.rules.map((rule) => ({ rule, path: compilePathGlob(rule.match.path), ...(rule.match.method ? { method: rule.match.method.toUpperCase() } : {}) }));
    fired = rules.map(() => 0);
    random = mulberry32(seed);
  };
  if (initial) set(initial);

  // Every configured chance draws once per matching request, whatever the earlier draws gave, so
  // the sequence of decisions depends only on the seed and the sequence of requests.
  const roll = (rate: number | undefined): boolean => rate !== undefined && random() < rate;

  function decideRule(rule: FaultRule): FaultDecision {
    const { latencyMs = 0 } = rule;
    const latency = typeof latencyMs === 'number' ? latencyMs : latencyMs.min + Math.floor(random() * (latencyMs.max - latencyMs.min + 1));
    const drop = roll(rule.dropRate);
    const error = rule.error !== undefined && roll(rule.errorRate ?? 1);
    const expire = roll(rule.expireTokenRate);
    if (drop) return { latencyMs: latency, outcome: { kind: 'drop' } };
    if (error) return { latencyMs: latency, outcome: { kind: 'error', error: rule.error!, ...(rule.retryAfterSeconds !== undefined ? { retryAfterSeconds: rule.retryAfterSeconds } : {}) } };
    if (expire) return { latencyMs: latency, outcome: { kind: 'expireToken' } };
    return { latencyMs: latency };
  }

  return {
    get: (): FaultState => ({ seed, rules: structuredClone(rules.map((r) => r.rule)), fired: [...fired] }),
    set,
    clear: () => set({ rules: [] }),
    decide(method, path) {
      for (const [i, compiled] of rules.entries()) {
        const { rule } = compiled;
        if (rule.times !== undefined && fired[i]! >= rule.times) continue;
        if (compiled.method !== undefined && compiled.method !== method.toUpperCase()) continue;
        if (!compiled.path.test(path)) continue;
        const decision = decideRule(rule);
        if (decision.latencyMs === 0 && !decision.outcome) return undefined;
        fired[i]!++;
        return decision;
      }
      return undefined;
    },
  };
}
