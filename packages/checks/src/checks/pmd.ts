import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  SeverityLevel,
  type EngineLogEvent,
  type Violation,
} from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import { findJava } from '../java.js';
import { relativeToProject } from '../projectFiles.js';
import { CheckSetupError, type Check, type CheckContext, type Finding } from '../types.js';
import { CHECK_DESCRIPTIONS } from '../catalog.js';

/**
 * Code Analyzer's recommended Apex rules, plus every Apex security rule (the Recommended set
 * already holds the core ones; this adds the AppExchange security-review rules such as
 * hard-coded credentials). The `:Apex` tag keeps PMD's Visualforce, XML and JavaScript rules out.
 */
export const PMD_RULE_SELECTORS = ['pmd:Recommended:Apex', 'pmd:Security:Apex'];

/** The engine reports files it could not parse only as a log line in this shape. */
const PROCESSING_ERROR = /^PMD issued a processing error for file '(.+)':\n([\s\S]*)$/;

function analyzerConfig(java: string, projectDir: string, workDir: string): CodeAnalyzerConfig {
  return CodeAnalyzerConfig.fromObject({
    config_root: projectDir,
    // Code Analyzer hands this folder to engines for their logs: never the project or cwd.
    log_folder: workDir,
    // Where PMD's input and result files go. Code Analyzer keeps them after any engine error and
    // otherwise removes them only at process exit; a folder of our own is removed after each run.
    root_working_folder: workDir,
    engines: {
      pmd: { java_command: java },
      // The plugin also brings CPD (copy-paste detection); it is not selected, so skip its Java probe.
      cpd: { disable_engine: true },
    },
  });
}

function toFinding(violation: Violation, ctx: CheckContext, file: string): Finding {
  const location = violation.getPrimaryLocation();
  const rule = violation.getRule();
  const line = location.getStartLine();
  const column = location.getStartColumn();
  return {
    check: 'pmd',
    // Critical and High are defects to fix now; Moderate and below are advice.
    severity: rule.getSeverityLevel() <= SeverityLevel.High ? 'error' : 'warning',
    file: relativeToProject(ctx.projectDir, file),
    ...(line ? { line } : {}),
    ...(column ? { column } : {}),
    message: violation.getMessage().trim(),
    rule: rule.getName(),
  };
}

/** A file PMD could not parse is one its rules never looked at: say so rather than pass it silently. */
function processingErrorFinding(event: EngineLogEvent, ctx: CheckContext): Finding | undefined {
  const match = PROCESSING_ERROR.exec(event.message);
  if (!match?.[1]) return undefined;
  const file = path.resolve(match[1]);
  // The reason names the file again by its absolute path; the finding already says which file.
  const reason = (match[2] ?? '').trim().split('\n')[0]?.replaceAll(file, relativeToProject(ctx.projectDir, file)).trim().slice(0, 300);
  return {
    check: 'pmd',
    severity: 'warning',
    file: relativeToProject(ctx.projectDir, file),
    message: `PMD could not parse this file, so its rules did not run on it${reason ? ` (${reason})` : ''}`,
    rule: 'ProcessingError',
  };
}

async function analyze(ctx: CheckContext, analyzer: CodeAnalyzer): Promise<Finding[]> {
  const engineErrors: EngineLogEvent[] = [];
  analyzer.onEvent<EngineLogEvent>(EventType.EngineLogEvent, (event) => {
    if (event.logLevel === LogLevel.Error) engineErrors.push(event);
  });
  await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());

  const workspace = await analyzer.createWorkspace([ctx.sourceDir]);
  const rules = await analyzer.selectRules(PMD_RULE_SELECTORS, { workspace });
  const results = await analyzer.run(rules, { workspace });

  const findings: Finding[] = [];
  for (const violation of results.getViolations()) {
    const file = violation.getPrimaryLocation().getFile();
    // Engine failures come back as violations with no file (UnexpectedEngineError, UninstantiableEngineError).
    if (!file) {
      throw new CheckSetupError('PMD_FAILED', `PMD could not run (${violation.getRule().getName()}): ${violation.getMessage()}`);
    }
    // The workspace is the package directory, so every file is in it.
    findings.push(toFinding(violation, ctx, file));
  }
  for (const event of engineErrors) {
    const finding = processingErrorFinding(event, ctx);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * A CodeAnalyzer whose temp files live in `workDir`. Its constructor adds a process 'exit'
 * listener to delete them, which would keep every run's analyzer alive in a long-lived process;
 * the caller deletes `workDir` instead, so that listener is removed (the constructor is
 * synchronous: the listeners it added are exactly the new ones).
 */
function createAnalyzer(java: string, projectDir: string, workDir: string): CodeAnalyzer {
  const before = new Set(process.listeners('exit'));
  const analyzer = new CodeAnalyzer(analyzerConfig(java, projectDir, workDir));
  for (const listener of process.listeners('exit')) {
    if (!before.has(listener)) process.removeListener('exit', listener);
  }
  return analyzer;
}

export const pmdCheck: Check = {
  name: 'pmd',
  description: CHECK_DESCRIPTIONS.pmd,
  async run(ctx) {
    const java = await findJava(process.env);
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'orgkit-pmd-'));
    try {
      return await analyze(ctx, createAnalyzer(java, ctx.projectDir, workDir));
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  },
};
