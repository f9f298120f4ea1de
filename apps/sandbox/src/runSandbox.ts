import type { OrgSession } from '@orgkit/deploy';
import { openSandboxFolder, useSandboxEnv } from './sandboxFolder.js';
import { FAST_CHECKS, deployRole, type RoleDeploy } from './steps/deployForceApp.js';
import { samlLogin } from './steps/samlLogin.js';
import { seedAccounts, seedLeads } from './steps/seedSampleData.js';
import { adminSession, jwtAuth, startServices, type SandboxServices } from './steps/startServices.js';
import { DLO, TELEMETRY_RUN, streamTelemetry } from './steps/streamTelemetry.js';
import { nextSteps, sandboxCredentials, sandboxUrls } from './summary.js';
import type { SandboxOptions, SandboxRun, SandboxSummary, StepName, StepReport } from './types.js';

interface StepOutcome {
  detail: string;
  figures: StepReport['figures'];
}

const reasonOf = (err: unknown): string => {
  const e = err as { code?: unknown; message?: unknown } | null;
  return typeof e?.message === 'string' ? e.message : String(err);
};

/**
 * What `npm start` runs: mock Org A (with a Data Cloud tenant) and Org B and a SAML IdP on
 * loopback, force-app deployed to both through @orgkit/deploy, sample data, a telemetry stream
 * and a SAML login — each step reported through `onStep` as it ends. Stops at the first step that
 * fails (the later ones need it). With `once`, or after a failure, everything is stopped before
 * this returns; otherwise the caller serves until it calls `close()`.
 */
export async function runSandbox(options: SandboxOptions = {}): Promise<SandboxRun> {
  const folder = openSandboxFolder(options.dataDir);
  // Core's saved logins name this run's ports and keys: a kept folder starts without the last run's.
  const restoreEnv = useSandboxEnv(folder.sub('home', { fresh: true }));
  const steps: StepReport[] = [];
  const sessions: OrgSession[] = [];
  let services: SandboxServices | undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      try {
        await Promise.allSettled(sessions.map((s) => s.close()));
        await services?.close();
      } finally {
        restoreEnv();
        folder.remove();
      }
    })());

  const step = async (name: StepName, title: string, work: () => Promise<StepOutcome>): Promise<boolean> => {
    const started = performance.now();
    let report: StepReport;
    try {
      const { detail, figures } = await work();
      report = { name, title, status: 'ok', durationMs: Math.round(performance.now() - started), detail, figures };
    } catch (err) {
      report = { name, title, status: 'failed', durationMs: Math.round(performance.now() - started), detail: reasonOf(err), figures: {} };
    }
    steps.push(report);
    options.onStep?.(report);
    return report.status === 'ok';
  };

  const notes = [`The deploy preflight ran the fast checks only (${FAST_CHECKS.join(', ')}); npm test runs all of them, apex-ls and PMD included.`];
  const deploys: RoleDeploy[] = [];
  const ok =
    (await step('start', 'Start Org A (+ Data Cloud tenant), Org B and the IdP', async () => {
      services = await startServices(folder);
      const s = services;
      return { detail: `Org A ${s.orgA.instanceUrl} (tenant ${s.orgA.dataCloud?.tenantUrl}), Org B ${s.orgB.instanceUrl}, IdP ${s.idp.url}`, figures: { orgs: s.mock.orgs.length, idpTrustedOrgs: s.mock.orgs.length } };
    })) &&
    (await step('deploy', 'Deploy force-app: source role → Org B, target role → Org A', async () => {
      const s = services!;
      const source = { projectDir: options.projectDir, sourceDir: options.sourceDir };
      deploys.push(await deployRole({ role: 'source', orgName: 'B', auth: jwtAuth(s.orgB, s.keyFiles.B, s.orgB.users.admin.username), ...source }));
      deploys.push(await deployRole({ role: 'target', orgName: 'A', auth: jwtAuth(s.orgA, s.keyFiles.A, s.orgA.users.admin.username), ...source }));
      const [b, a] = deploys as [RoleDeploy, RoleDeploy];
      const post = a.postDeploy.filter((p) => !a.skippedOnMock.includes(p)).map((p) => `${p.step} ${p.status}`);
      for (const warning of [...b.warnings, ...a.warnings]) notes.push(`@salesforce/core warned: ${warning}`);
      for (const skipped of a.skippedOnMock) notes.push(`Post-deploy "${skipped.subject}" (${skipped.step}) was skipped on the mock org (it does not run Apex); a real org schedules it.`);
      return {
        detail: `${b.components} components to Org B, ${a.components} to Org A in ${a.phases} phase(s); post-deploy: ${[...post, ...a.skippedOnMock.map((p) => `${p.step} skipped on the mock org (it does not run Apex)`)].join(', ') || 'none'}; checks: ${FAST_CHECKS.join(', ')}`,
        figures: { orgBComponents: b.components, orgAComponents: a.components, orgAPhases: a.phases, postDeployDone: a.postDeploy.filter((p) => p.status !== 'failed').length, postDeploySkippedOnMock: a.skippedOnMock.length },
      };
    })) &&
    (await step('seed', 'Seed accounts with CAPIQ ids in Org B and leads in Org A', async () => {
      const s = services!;
      const apiVersion = deploys[0]!.apiVersion;
      const b = await adminSession(s.orgB, s.keyFiles.B, apiVersion);
      sessions.push(b);
      const a = await adminSession(s.orgA, s.keyFiles.A, apiVersion);
      sessions.push(a);
      const accounts = await seedAccounts(b.conn);
      const leads = await seedLeads(a.conn);
      return { detail: `${accounts} accounts with CAPIQ ids in Org B, ${leads} leads in Org A (SOQL COUNT() matches)`, figures: { accounts, leads } };
    })) &&
    (await step('datacloud', 'Register BatteryStatus and stream solar telemetry into Data Cloud', async () => {
      const s = services!;
      const t = await streamTelemetry(s.orgA, jwtAuth(s.orgA, s.keyFiles.A, s.orgA.users.integration.username), folder.sub('spool'));
      return {
        detail: `${t.sent} events from ${TELEMETRY_RUN.devices} panels (${TELEMETRY_RUN.durationSeconds / 3600} simulated hours) in ${t.requests} requests; ${DLO} holds ${t.dloRows} rows`,
        figures: { ...t },
      };
    })) &&
    (await step('saml-login', "Sign in to Org A through the IdP (SAML)", async () => {
      const s = services!;
      const r = await samlLogin(s.orgA, s.idp, s.ssoUser, sessions[1]!.conn);
      return { detail: `${s.ssoUser.federationId} → Org A ${r.landedOn} as ${s.ssoUser.orgUsername}; LoginHistory: Success (${r.loginType})`, figures: { landedOn: r.landedOn, loginType: r.loginType } };
    }));

  const urls = services ? sandboxUrls(services) : undefined;
  const credentials = services ? sandboxCredentials(services) : undefined;
  const failed = steps.find((s) => s.status === 'failed');
  const summary: SandboxSummary = {
    ok,
    steps,
    ...(failed ? { failed } : {}),
    ...(urls ? { urls } : {}),
    ...(credentials ? { credentials } : {}),
    dataDir: folder.dir,
    dataDirKept: folder.kept,
    notes,
    next: nextSteps(urls, credentials),
  };
  if (options.once || !ok) {
    await close();
    return { summary, close };
  }
  const { orgA, orgB, idp } = services!;
  return { summary, services: { orgA, orgB, idp }, close };
}
