import { spawn } from 'node:child_process';
import path from 'node:path';
import { pmdEngineJavaLib } from '../apexLsJars.js';
import { findJava } from '../java.js';
import { relativeToProject } from '../projectFiles.js';
import { CheckSetupError, type Check, type CheckContext, type Finding, type Severity } from '../types.js';
import { CHECK_DESCRIPTIONS } from '../catalog.js';

/** apex-ls's exit code when it ran and found issues (0 = ran, found none). */
const EXIT_ISSUES_FOUND = 4;
const TIMEOUT_MS = 10 * 60_000;

/** One diagnostic as `CheckForIssues -f json` prints it; `offset` is a 0-based column. */
interface ApexLsMessage {
  start: { line: number; offset: number };
  category: string;
  message: string;
}
interface ApexLsOutput {
  files: { path: string; messages: ApexLsMessage[] }[];
}

/** apex-ls and the platform types it checks against, as a Java classpath. */
function apexLsClasspath(): string {
  return path.join(pmdEngineJavaLib(), '*');
}

function runProcess(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The first lines of a JVM's stderr: the exception and its cause, not the whole stack. */
function summarize(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return 'it printed nothing on stderr';
  const head = lines.filter((l) => !l.startsWith('at ')).slice(0, 6).join(' | ');
  return head.length > 1000 ? `${head.slice(0, 1000)}…` : head;
}

function isApexLsOutput(value: unknown): value is ApexLsOutput {
  const files = (value as ApexLsOutput | null)?.files;
  return (
    Array.isArray(files) &&
    files.every(
      (f) =>
        typeof f?.path === 'string' &&
        Array.isArray(f.messages) &&
        f.messages.every((m) => typeof m?.message === 'string' && typeof m.start?.line === 'number' && typeof m.start.offset === 'number'),
    )
  );
}

function parseApexLsOutput(stdout: string): ApexLsOutput | undefined {
  const start = stdout.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(stdout.slice(start));
    return isApexLsOutput(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Syntax errors list every token ANTLR would accept; past a handful that is noise. */
function shortenMessage(message: string): string {
  return message.replace(/ expecting \{([^}]*)\}$/, (whole, tokens: string) => (tokens.split(',').length > 5 ? '' : whole));
}

/** apex-ls categories: Syntax, Error, Missing are compile errors; Warning, Unused (other detail levels) are not. */
function severityOf(category: string): Severity {
  return category === 'Warning' || category === 'Unused' ? 'warning' : 'error';
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Maps apex-ls output to findings in `sourceDir`; diagnostics about the project itself mean nothing was checked. */
function toFindings(output: ApexLsOutput, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const file of output.files) {
    const filePath = path.resolve(file.path);
    if (filePath === path.resolve(ctx.projectDir) || filePath === path.resolve(ctx.projectDir, 'sfdx-project.json')) {
      const detail = file.messages.map((m) => m.message).join('; ');
      throw new CheckSetupError('APEX_LS_PROJECT_ERROR', `apex-ls could not load the project ${ctx.projectDir}: ${detail}`);
    }
    // apex-ls analyses every package directory; other ones are not ours to report.
    if (!isInside(ctx.sourceDir, filePath)) continue;
    const rel = relativeToProject(ctx.projectDir, filePath);
    for (const m of file.messages) {
      // Some messages name files by absolute path ("meta file is missing for '/…/Foo.cls'").
      const message = shortenMessage(m.message).replaceAll(`${path.resolve(ctx.projectDir)}${path.sep}`, '');
      // apex-ls reports some problems once per overlapping range (`Foo f = new Foo()`); one per line is enough.
      const key = `${rel}:${m.start.line}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        check: 'apex',
        severity: severityOf(m.category),
        file: rel,
        line: m.start.line,
        column: m.start.offset + 1,
        message,
        rule: m.category,
      });
    }
  }
  return findings;
}

export const apexSemanticCheck: Check = {
  name: 'apex',
  description: CHECK_DESCRIPTIONS.apex,
  async run(ctx) {
    const java = await findJava(process.env);
    const args = ['-cp', apexLsClasspath(), 'io.github.apexdevtools.apexls.CheckForIssues', '-n', '-f', 'json', '-w', ctx.projectDir];
    let result;
    try {
      result = await runProcess(java, args, ctx.projectDir);
    } catch (err) {
      throw new CheckSetupError('APEX_LS_FAILED', `apex-ls could not be started with ${java}: ${(err as Error).message}`);
    }
    if (result.code !== 0 && result.code !== EXIT_ISSUES_FOUND) {
      const how = result.code === null ? 'was stopped (timed out or killed)' : `exited with code ${result.code}`;
      throw new CheckSetupError('APEX_LS_FAILED', `apex-ls ${how}: ${summarize(result.stderr)}`);
    }
    const output = parseApexLsOutput(result.stdout);
    if (!output) {
      throw new CheckSetupError(
        'APEX_LS_OUTPUT_UNREADABLE',
        `apex-ls printed output that is not the expected JSON (${result.stdout.slice(0, 200) || 'nothing'}); stderr: ${summarize(result.stderr)}`,
      );
    }
    return toFindings(output, ctx);
  },
};
