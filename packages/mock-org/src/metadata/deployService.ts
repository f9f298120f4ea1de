import type { MdapiPackageReport } from '@orgkit/checks/mdapi';
import type { XmlElement } from '@orgkit/checks/xml';
import { to18 } from '../ids.js';
import { applyComponents, orgHas, preflightProblems, REPLAYED_TYPES, restoreComponents, type ApplyTarget } from './applyComponents.js';
import { failureMessage, isDone, type DeployJob } from './deployJob.js';
import { testsNotRunMessage } from './testsNotRun.js';
import type { DeployedComponent, DeployLog, DeployLogEntry, DeployMessage, DeployOptions, MetadataApiConfig } from './types.js';

/** An error a Metadata API call answers with (a SOAP fault or a REST error), by its Salesforce code. */
export class MetadataCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MetadataCallError';
  }
}

const QUICK_DEPLOY_WINDOW_MS = 10 * 24 * 3600 * 1000;

/** How many steps InProgress takes: progress a polling client can watch, whatever the size. */
const PROGRESS_STEPS = 3;

/** SDR and the checks package load lazily: only an org that receives a deploy pays for them. */
const validatePackage = async (zip: Buffer): Promise<MdapiPackageReport> => (await import('@orgkit/checks/mdapi')).validateMdapiPackage({ zip });

export interface DeployService {
  start(zip: Buffer, options: DeployOptions, userId: string): DeployJob;
  quickDeploy(validationId: string, userId: string): DeployJob;
  /** Moves the deploy one step (deploys advance as clients poll, and on the timer) and returns it. */
  status(id: string): Promise<DeployJob>;
  cancel(id: string, userId: string): DeployJob;
  jobs(): DeployJob[];
  components(): DeployedComponent[];
  settings(name: string): XmlElement | undefined;
  settled(): Promise<void>;
  close(): void;
}

/**
 * The org's deploy queue. A deploy goes Pending → (validation) → InProgress, deploying a third of
 * its components a step → Succeeded / SucceededPartial / Failed, or Canceling → Canceled. Nothing
 * is applied before the last step, and nothing at all for checkOnly or a failed rollbackOnError deploy.
 */
export function createDeployService(target: ApplyTarget, config: MetadataApiConfig = {}, log?: DeployLog): DeployService {
  const { org } = target;
  const jobs = new Map<string, DeployJob>();
  const running = new Map<DeployJob, Promise<void>>();
  const deployed: DeployedComponent[] = [];
  const settings = new Map<string, XmlElement>();
  const remember = (entry: DeployLogEntry): void => {
    deployed.push({ type: entry.type, fullName: entry.fullName, fileName: entry.fileName, deployId: entry.deployId, deployedAt: entry.deployedAt });
    if (entry.type === 'Settings' && entry.element) settings.set(entry.fullName.toLowerCase(), entry.element);
  };
  // A restarted dataDir org: what earlier deploys applied comes back, as the records already did.
  const earlier = log?.load() ?? [];
  restoreComponents(target, earlier);
  earlier.forEach(remember);
  const now = (): string => org.now().toISOString();

  const userOf = (userId: string): { id: string; name: string } => {
    const user = org.store.byId(userId);
    const name = [user?.FirstName, user?.LastName].filter((p) => typeof p === 'string' && p).join(' ');
    return { id: userId, name: name || String(user?.Username ?? userId) };
  };

  const find = (id: string): DeployJob => {
    const full = to18(id);
    if (!full || !full.startsWith('0Af')) throw new MetadataCallError('INVALID_ID_FIELD', `Invalid deploy id: ${id}`);
    const job = jobs.get(full);
    if (!job) throw new MetadataCallError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    return job;
  };

  const newJob = (options: DeployOptions, userId: string, extra: Partial<DeployJob>): DeployJob => {
    const at = now();
    const job: DeployJob = { id: org.newId('0Af'), options, createdBy: userOf(userId), createdDate: at, lastModifiedDate: at, status: 'Pending', components: [], successes: [], failures: [], deployed: 0, testsNotRun: '', ...extra };
    jobs.set(job.id, job);
    return job;
  };

  const deployedBefore = (type: string, fullName: string): boolean => deployed.some((d) => d.type === type && d.fullName.toLowerCase() === fullName.toLowerCase());

  const finish = (job: DeployJob): void => {
    const at = now();
    const failed = new Set(job.failures.map((f) => `${f.componentType}#${f.fullName}`));
    const good = job.components.filter((c) => !failed.has(`${c.type}#${c.fullName}`));
    if (!job.options.checkOnly) {
      try {
        applyComponents(target, good);
      } catch (err) {
        // A value the org's records refuse that preflight did not foresee: the deploy fails with the
        // org's words (the store transaction rolled back), rather than a fault on the status call.
        fail(job, { code: (err as { errorCode?: string }).errorCode ?? 'UNKNOWN_EXCEPTION', message: (err as Error).message });
        return;
      }
      const entries = good.map(
        (c): DeployLogEntry => ({
          type: c.type,
          fullName: c.fullName,
          fileName: c.fileName,
          deployId: job.id,
          deployedAt: at,
          ...(REPLAYED_TYPES.has(c.type) && c.element ? { element: c.element } : {}),
          ...(c.type === 'SamlSsoConfig' && c.xml ? { xml: c.xml } : {}),
        }),
      );
      log?.append(entries);
      entries.forEach(remember);
    }
    job.status = job.failures.length ? 'SucceededPartial' : 'Succeeded';
    job.completedDate = at;
    delete job.stateDetail;
  };

  const fail = (job: DeployJob, reason?: { code: string; message: string }): void => {
    job.status = 'Failed';
    job.completedDate = now();
    job.deployed = 0;
    delete job.stateDetail;
    if (reason) {
      job.errorStatusCode = reason.code;
      job.errorMessage = reason.message;
    }
  };

  async function validate(job: DeployJob): Promise<void> {
    const createdDate = now();
    let problems;
    if (job.zip) {
      let report: MdapiPackageReport;
      try {
        report = await validatePackage(job.zip);
      } catch (err) {
        if (job.status === 'Canceling') return;
        // Not a zip at all: the whole deploy fails, with no component to blame.
        fail(job, { code: 'UNKNOWN_EXCEPTION', message: (err as Error).message });
        return;
      }
      delete job.zip;
      // A cancel that arrived while the package was being read wins: the next step makes it Canceled.
      if (job.status === 'Canceling') return;
      job.components = report.components;
      problems = [...report.problems, ...preflightProblems(target, report.components)];
      job.testsNotRun = testsNotRunMessage(org, job.options, report.components);
    } else problems = preflightProblems(target, job.components);
    job.failures = problems.map((p) => failureMessage(p, createdDate));
    const failed = new Set(problems.map((p) => `${p.componentType}#${p.fullName}`));
    const packageSuccess: DeployMessage = { changed: true, created: false, deleted: false, success: true, componentType: '', fullName: 'package.xml', fileName: 'package.xml', createdDate };
    job.successes = [
      ...job.components
        .filter((c) => !failed.has(`${c.type}#${c.fullName}`))
        .map((c): DeployMessage => {
          const exists = orgHas(target, c, deployedBefore);
          return { changed: exists, created: !exists, deleted: false, success: true, componentType: c.type, fullName: c.fullName, fileName: c.fileName, createdDate };
        }),
      ...(problems.some((p) => p.componentType === '') ? [] : [packageSuccess]),
    ];
    const wholePackageFails = problems.some((p) => p.componentType === '');
    if (problems.length && (job.options.rollbackOnError || wholePackageFails || job.successes.length <= 1)) {
      fail(job);
      return;
    }
    job.status = 'InProgress';
    job.stateDetail = 'Processing components';
  }

  async function step(job: DeployJob): Promise<void> {
    if (job.status === 'Pending') {
      job.startDate = now();
      await validate(job);
    } else if (job.status === 'InProgress') {
      const total = job.components.length;
      job.deployed = Math.min(total, job.deployed + Math.max(1, Math.ceil(total / PROGRESS_STEPS)));
      if (job.deployed >= total) finish(job);
    } else if (job.status === 'Canceling') {
      job.status = 'Canceled';
      job.completedDate = now();
      delete job.stateDetail;
    }
    job.lastModifiedDate = now();
  }

  /** One step at a time per deploy, whoever asks (a poll and the timer may arrive together). */
  const advance = (job: DeployJob): Promise<void> => {
    if (isDone(job.status)) return Promise.resolve();
    const busy = running.get(job);
    if (busy) return busy;
    const next = step(job).finally(() => running.delete(job));
    running.set(job, next);
    return next;
  };

  const active = (): DeployJob[] => [...jobs.values()].filter((j) => !isDone(j.status));
  const stepMs = config.stepMs ?? 100;
  const timer = stepMs > 0 ? setInterval(() => active().forEach((j) => void advance(j)), stepMs) : undefined;
  timer?.unref();

  return {
    start: (zip, options, userId) => newJob(options, userId, { zip }),
    quickDeploy(validationId, userId) {
      const validation = find(validationId);
      const completed = validation.completedDate ? Date.parse(validation.completedDate) : NaN;
      const laterDeploy = [...jobs.values()].some((j) => !j.options.checkOnly && j.status !== 'Failed' && j.status !== 'Canceled' && j.createdDate >= (validation.completedDate ?? ''));
      if (!validation.options.checkOnly || validation.status !== 'Succeeded' || validation.quickDeployedAs || org.now().getTime() - completed > QUICK_DEPLOY_WINDOW_MS || laterDeploy) {
        throw new MetadataCallError(
          'INVALID_ID_FIELD',
          `${validation.id} cannot be quick-deployed: only a successful checkOnly deploy of the last 10 days, not yet quick-deployed and with no deploy to the org after it, can be. Validate again.`,
        );
      }
      const job = newJob({ ...validation.options, checkOnly: false }, userId, { validationId: validation.id, components: validation.components });
      validation.quickDeployedAs = job.id;
      return job;
    },
    async status(id) {
      const job = find(id);
      await advance(job);
      return job;
    },
    cancel(id, userId) {
      const job = find(id);
      if (isDone(job.status)) throw new MetadataCallError('INVALID_ID_FIELD', `Deployment ${job.id} is already ${job.status}: only a Pending or InProgress deploy can be canceled.`);
      if (job.status !== 'Canceling') {
        job.status = 'Canceling';
        job.canceledBy = userOf(userId);
        job.lastModifiedDate = now();
      }
      return job;
    },
    jobs: () => [...jobs.values()],
    components: () => [...deployed],
    settings: (name) => settings.get(name.toLowerCase()),
    async settled() {
      for (let jobsLeft = active(); jobsLeft.length; jobsLeft = active()) await Promise.all(jobsLeft.map(advance));
    },
    close: () => clearInterval(timer),
  };
}
