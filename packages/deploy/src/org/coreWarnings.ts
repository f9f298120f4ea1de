import { Lifecycle } from '@salesforce/core';

/** Who hears @salesforce/core's warnings right now: the deploys in progress. */
const listeners = new Set<(message: string) => void>();

/**
 * With no listener, @salesforce/core prints its warnings (an http login URL, a deprecated
 * option…) through process.emitWarning, as "(node:1234) Warning: …" in the middle of a deploy's
 * output. One lifecycle listener, registered once, hands them to the deploys running instead, and
 * to process.emitWarning again when none is, so nothing core says is lost.
 */
function ensureRegistered(): void {
  Lifecycle.getInstance().on(
    'warning',
    async (warning: unknown) => {
      const message = String(warning);
      if (listeners.size === 0) process.emitWarning(message);
      for (const listener of listeners) listener(message);
    },
    'orgkit-deploy',
  );
}

/** Sends core's warnings to `onWarning` until the returned function is called. */
export function hearCoreWarnings(onWarning: (message: string) => void): () => void {
  ensureRegistered();
  listeners.add(onWarning);
  return () => listeners.delete(onWarning);
}
