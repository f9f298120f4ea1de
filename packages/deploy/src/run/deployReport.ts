import path from 'node:path';
import type { DeployResult, FileResponse, MetadataApiDeployStatus } from '@salesforce/source-deploy-retrieve';

export interface ComponentFailure {
  type: string;
  fullName: string;
  /** Project-relative source file, when SDR could map the failure back to one. */
  file?: string;
  line?: number;
  column?: number;
  problem: string;
  problemType: string;
}

export interface TestFailure {
  className: string;
  methodName: string;
  message: string;
  stackTrace?: string;
}

export interface ClassCoverage {
  className: string;
  linesTotal: number;
  linesNotCovered: number;
  /** Whole percent of lines covered; 100 for a class with no lines. */
  percent: number;
}

/** One deploy (a phase, a validation or a quick deploy) as the org finished it. */
export interface PhaseReport {
  phase: 1 | 2;
  id: string;
  status: string;
  success: boolean;
  checkOnly: boolean;
  components: { total: number; deployed: number; errors: number };
  tests: { total: number; completed: number; errors: number };
  componentFailures: ComponentFailure[];
  testFailures: TestFailure[];
  coverage: ClassCoverage[];
  /** Coverage warnings, and the org's own notes (a mock org says it ran no tests). */
  coverageWarnings: string[];
  /** A failure of the deploy as a whole (a corrupt package, a canceled deploy). */
  errorMessage?: string;
  /** Cancel was asked for; `error` when the org refused it (the deploy had already finished). */
  cancel?: { error?: string };
}

/** SDR's type lacks `name`, which the org sets on a warning about one class. */
type CoverageWarning = { message: string; name?: unknown };

const list = <T>(value: T | T[] | undefined | null): T[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const num = (value: unknown): number => {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
};
const optionalNum = (value: unknown): number | undefined => (value === undefined || value === null || value === '' ? undefined : num(value));
const relative = (projectDir: string, file: string | undefined, rename: (f: string) => string): string | undefined => (file ? path.relative(projectDir, rename(file)).split(path.sep).join('/') : undefined);

/**
 * Turns SDR's result into the facts a person needs: each component failure with its source file
 * and line (SDR's getFileResponses maps the org's zip paths back to source), then failures the
 * org reported that map to no local file, test failures and coverage per class.
 * `rename` maps a temporary file (phase 2's edited copy) back to the committed one.
 */
export function phaseReport(phase: 1 | 2, sent: { result: Pick<DeployResult, 'response' | 'getFileResponses'>; cancel?: { error?: string } }, projectDir: string, rename: (file: string) => string = (f) => f): PhaseReport {
  const { result } = sent;
  const r: MetadataApiDeployStatus = result.response;
  const files: FileResponse[] = result.getFileResponses();
  const componentFailures: ComponentFailure[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (f.state !== 'Failed') continue;
    const key = `${f.type}:${f.fullName}:${'lineNumber' in f ? f.lineNumber : ''}:${'error' in f ? f.error : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    componentFailures.push({
      type: f.type,
      fullName: f.fullName,
      ...(f.filePath ? { file: relative(projectDir, f.filePath, rename) } : {}),
      ...('lineNumber' in f && f.lineNumber !== undefined ? { line: num(f.lineNumber) } : {}),
      ...('columnNumber' in f && f.columnNumber !== undefined ? { column: num(f.columnNumber) } : {}),
      problem: 'error' in f ? f.error : 'failed',
      problemType: 'problemType' in f ? f.problemType : 'Error',
    });
  }
  const mapped = new Set(componentFailures.map((c) => `${c.type}:${c.fullName}`));
  for (const c of list(r.details?.componentFailures)) {
    if (mapped.has(`${c.componentType ?? ''}:${c.fullName}`)) continue;
    componentFailures.push({
      type: c.componentType ?? '',
      fullName: c.fullName,
      ...(c.fileName ? { file: c.fileName } : {}),
      ...(optionalNum(c.lineNumber) !== undefined ? { line: optionalNum(c.lineNumber)! } : {}),
      ...(optionalNum(c.columnNumber) !== undefined ? { column: optionalNum(c.columnNumber)! } : {}),
      problem: c.problem ?? 'failed',
      problemType: c.problemType ?? 'Error',
    });
  }
  const tests = r.details?.runTestResult;
  const coverage = list(tests?.codeCoverage).map((c) => {
    const total = num(c.numLocations);
    const notCovered = num(c.numLocationsNotCovered);
    return { className: c.name, linesTotal: total, linesNotCovered: notCovered, percent: total === 0 ? 100 : Math.floor(((total - notCovered) / total) * 100) };
  });
  return {
    phase,
    id: r.id,
    status: String(r.status),
    success: String(r.success) === 'true',
    checkOnly: String(r.checkOnly) === 'true',
    components: { total: num(r.numberComponentsTotal), deployed: num(r.numberComponentsDeployed), errors: num(r.numberComponentErrors) },
    tests: { total: num(r.numberTestsTotal), completed: num(r.numberTestsCompleted), errors: num(r.numberTestErrors) },
    componentFailures,
    testFailures: list(tests?.failures).map((t) => ({ className: t.name, methodName: t.methodName, message: t.message, ...(t.stackTrace ? { stackTrace: String(t.stackTrace) } : {}) })),
    coverage: coverage.sort((a, b) => a.className.localeCompare(b.className)),
    coverageWarnings: list(tests?.codeCoverageWarnings as CoverageWarning | CoverageWarning[] | undefined).map((w) => (w.name ? `${String(w.name)}: ${w.message}` : w.message)),
    ...(r.errorMessage ? { errorMessage: String(r.errorMessage) } : {}),
    ...(sent.cancel ? { cancel: sent.cancel } : {}),
  };
}
