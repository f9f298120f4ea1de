import type { Connection } from '@salesforce/core';
import { ComponentSet, MetadataApiDeploy, type DeployResult, type MetadataApiDeployStatus, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { DeployError } from '../deployError.js';
import type { SendOptions } from './deployOptions.js';

/** Progress of a deploy while it is polled. */
export interface DeployProgress {
  phase: 1 | 2;
  id: string;
  status: string;
  componentsDone: number;
  componentsTotal: number;
  componentErrors: number;
  testsDone: number;
  testsTotal: number;
  testErrors: number;
}

export interface SendInput extends SendOptions {
  conn: Connection;
  phase: 1 | 2;
  components: SourceComponent[];
  apiVersion: string;
  signal?: AbortSignal;
  onProgress?: (progress: DeployProgress) => void;
  /** Called with the deploy id as soon as the org accepted the request. */
  onStarted?: (id: string) => void;
}

const progressOf = (phase: 1 | 2, s: MetadataApiDeployStatus): DeployProgress => ({
  phase,
  id: s.id,
  status: String(s.status),
  componentsDone: Number(s.numberComponentsDeployed) || 0,
  componentsTotal: Number(s.numberComponentsTotal) || 0,
  componentErrors: Number(s.numberComponentErrors) || 0,
  testsDone: Number(s.numberTestsCompleted) || 0,
  testsTotal: Number(s.numberTestsTotal) || 0,
  testErrors: Number(s.numberTestErrors) || 0,
});

/**
 * Sends one component set through SDR (SOAP, or REST with `rest`) — or quick-deploys a
 * validation — and polls it to the end. An abort of `signal` cancels the deploy in the org
 * (cancelDeploy) and keeps polling until the org says Canceled.
 */
export interface SendResult {
  result: DeployResult;
  /** Set when Ctrl-C asked the org to cancel; `error` when the org refused (e.g. the deploy had already finished). */
  cancel?: { error?: string };
}

export async function sendComponentSet(input: SendInput): Promise<SendResult> {
  const components = new ComponentSet(input.components);
  components.apiVersion = input.apiVersion;
  components.sourceApiVersion = input.apiVersion;
  if (input.signal?.aborted) throw new DeployError('DEPLOY_FAILED_TO_START', 'Canceled before the deploy was sent.');
  let op: MetadataApiDeploy;
  try {
    if (input.quick) {
      const validated = new MetadataApiDeploy({ id: input.quick, usernameOrConnection: input.conn, components });
      const id = await validated.deployRecentValidation(Boolean(input.rest));
      op = new MetadataApiDeploy({ id, usernameOrConnection: input.conn, components });
    } else {
      op = await components.deploy({
        usernameOrConnection: input.conn,
        apiOptions: {
          checkOnly: Boolean(input.checkOnly),
          rest: Boolean(input.rest),
          rollbackOnError: true,
          ...(input.testLevel ? { testLevel: input.testLevel } : {}),
          ...(input.tests && input.tests.length > 0 ? { runTests: input.tests } : {}),
        },
      });
    }
  } catch (err) {
    const what = input.quick ? `quick deploy of validation ${input.quick}` : 'deploy';
    throw new DeployError('DEPLOY_FAILED_TO_START', `The org refused the ${what}: ${(err as Error).message}`, { cause: err });
  }
  const id = op.id ?? '';
  input.onStarted?.(id);
  op.onUpdate((s) => input.onProgress?.(progressOf(input.phase, s)));
  let cancel: Promise<SendResult['cancel']> | undefined;
  const onAbort = (): void => {
    // A deploy that finished meanwhile cannot be canceled: the org's refusal is reported with how it ended.
    cancel ??= op.cancel().then(
      () => ({}),
      (err: unknown) => ({ error: (err as Error).message }),
    );
  };
  input.signal?.addEventListener('abort', onAbort, { once: true });
  if (input.signal?.aborted) onAbort();
  try {
    // Numbers: milliseconds between polls, seconds before giving up.
    const result = await op.pollStatus(input.pollMs ?? 2000, Math.round((input.waitMinutes ?? 33) * 60));
    const canceled = await cancel;
    return { result, ...(canceled ? { cancel: canceled } : {}) };
  } catch (err) {
    throw new DeployError('DEPLOY_STATUS_UNKNOWN', `Lost track of deploy ${id} (${(err as Error).message}). It may still be running: see Setup → Deployment Status, or \`sf project deploy report --job-id ${id}\`.`, { cause: err });
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
  }
}
