/** The error a fault answers with: its errorCode, HTTP status and message are in `faultErrors`. */
export type FaultErrorName = 'UNKNOWN_EXCEPTION' | 'SERVER_UNAVAILABLE' | 'REQUEST_LIMIT_EXCEEDED' | 'TOO_MANY_REQUESTS';

/**
 * One fault rule. The first rule whose `match` fits a request (and whose `times` is not used up)
 * decides that request; later rules are not consulted.
 */
export interface FaultRule {
  match: {
    /** HTTP method, any case. Absent: every method. */
    method?: string;
    /**
     * Path glob, matched by whole segments and case-insensitively, ignoring the query string:
     * `*` matches within one segment (`/services/data/*` + `/composite/sobjects`, `v6*`), `**`
     * any number of segments. The pattern is a prefix: `/services/data` also matches
     * `/services/data/v65.0/query`. `/` matches every path.
     */
    path: string;
  };
  /** Delay before the request is handled (or dropped, or failed); a range draws uniformly. */
  latencyMs?: number | { min: number; max: number };
  /** Chance (0..1) of answering with `error`. `error` without a rate fails every matching request. */
  errorRate?: number;
  error?: FaultErrorName;
  /** Adds `Retry-After: <seconds>` to the error response. */
  retryAfterSeconds?: number;
  /** Chance (0..1) of destroying the socket without any response. */
  dropRate?: number;
  /** Chance (0..1) of ending the request's session first, so it gets 401 INVALID_SESSION_ID. */
  expireTokenRate?: number;
  /** The rule fires at most this many times, then requests fall through to later rules. */
  times?: number;
}

export interface FaultConfig {
  /** PRNG seed (an unsigned 32-bit integer). Default 1, so runs are reproducible unless told otherwise. */
  seed?: number;
  rules: FaultRule[];
}

/** A running org's faults as `GET /__mock/faults` and `mockOrg.faults.get()` report them. */
export interface FaultState {
  seed: number;
  rules: FaultRule[];
  /** How many times each rule has fired, by rule index. */
  fired: number[];
}

/** Changes an org's faults at runtime (`mockOrg.faults`). `set` reseeds and resets the `times` counters. */
export interface FaultController {
  get(): FaultState;
  set(config: FaultConfig | FaultRule[]): void;
  clear(): void;
}

/** What the router does to one request. */
export interface FaultDecision {
  latencyMs: number;
  outcome?: { kind: 'drop' } | { kind: 'expireToken' } | { kind: 'error'; error: FaultErrorName; retryAfterSeconds?: number };
}
