import type { MockIdp, MockOrg } from '@orgkit/mock-org';

/** The sandbox's steps, in the order they run. */
export const STEP_NAMES = ['start', 'deploy', 'seed', 'datacloud', 'saml-login'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** How one step went, reported as soon as it ends. */
export interface StepReport {
  name: StepName;
  /** What the step does, for a person reading the line. */
  title: string;
  status: 'ok' | 'failed';
  durationMs: number;
  /** What it did (its figures in words) or, when it failed, why and what to do. */
  detail: string;
  /** The figures behind the detail, for --json and tests. */
  figures: Record<string, string | number | boolean>;
}

export interface SandboxOptions {
  /** Run every step, print the summary, stop everything and return (no serving). */
  once?: boolean;
  /** Keep the orgs, spool and auth files here (created if missing, kept afterwards). Default: a fresh temp folder, removed on close. */
  dataDir?: string;
  /** The SFDX project to deploy (default: the one around the current directory). */
  projectDir?: string;
  /** The package directory to deploy, relative to projectDir (default: the project's default one). */
  sourceDir?: string;
  /** Called when each step ends (the CLI prints one line each). */
  onStep?: (step: StepReport) => void;
}

export interface SandboxUrls {
  orgA: { instanceUrl: string; loginUrl: string };
  orgB: { instanceUrl: string; loginUrl: string };
  dataCloudTenant: string;
  idp: { url: string; metadataUrl: string };
}

/** Logins that exist only in this run's local orgs and IdP (random passwords, gone when it stops). */
export interface SandboxCredentials {
  orgAAdmin: { username: string; password: string };
  orgBAdmin: { username: string; password: string };
  /** Org A's SSO user: signs in at the IdP, lands in Org A by Federation ID. */
  idpUser: { username: string; password: string; orgUsername: string };
  /** JWT login of Org A's integration user, as `orgkit datacloud stream` and `orgkit deploy` read it. */
  orgAJwtEnv: Record<string, string>;
}

export interface SandboxSummary {
  ok: boolean;
  steps: StepReport[];
  /** The first step that failed, if any (later steps did not run). */
  failed?: StepReport;
  /** Absent when the first step failed before anything listened. */
  urls?: SandboxUrls;
  credentials?: SandboxCredentials;
  dataDir: string;
  /** False: a temp folder, removed when the sandbox stops. */
  dataDirKept: boolean;
  /** What the preflight skipped and what the mock can't do, in words. */
  notes: string[];
  next: string[];
}

export interface SandboxRun {
  summary: SandboxSummary;
  /** The running orgs and IdP, for a program that drives them further; absent once stopped. */
  services?: { orgA: MockOrg; orgB: MockOrg; idp: MockIdp };
  /** Stops the orgs, tenant and IdP and removes a temp data folder; safe to call twice. */
  close(): Promise<void>;
}
