import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import xmlPlugin from '@prettier/plugin-xml';
import * as prettier from 'prettier';
import * as apexPlugin from 'prettier-plugin-apex';
import { listSourceFiles, relativeToProject } from '../projectFiles.js';
import { CheckSetupError, type Check, type CheckContext, type Finding } from '../types.js';
import { CHECK_DESCRIPTIONS } from '../catalog.js';

/**
 * The plugins this package ships, by the names a .prettierrc uses. Handed to prettier as loaded
 * modules: prettier resolves a bare name from the current working folder, which need not be
 * anywhere near a node_modules that has them.
 */
const BUNDLED_PLUGINS: Record<string, prettier.Plugin> = {
  'prettier-plugin-apex': apexPlugin as prettier.Plugin,
  '@prettier/plugin-xml': xmlPlugin,
};
const BUNDLED = Object.values(BUNDLED_PLUGINS);

const UNFORMATTED = 'not formatted with prettier; run `npm run format`';

/** Apex and all XML anywhere; JS, HTML and CSS only in LWC bundles. */
function isFormattedFileType(relPath: string): boolean {
  if (/\.(cls|trigger|xml)$/.test(relPath)) return true;
  return /\.(js|html|css)$/.test(relPath) && relPath.split('/').includes('lwc');
}

function pluginsFor(configured: prettier.Options['plugins']): NonNullable<prettier.Options['plugins']> {
  const rest = (configured ?? []).filter((p) => !(typeof p === 'string' && p in BUNDLED_PLUGINS));
  return [...BUNDLED, ...rest];
}

/** 1-based number of the first line that formatting changes. */
function firstDifferingLine(source: string, formatted: string): number {
  const a = source.split('\n');
  const b = formatted.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return Math.min(i + 1, a.length);
}

interface PrettierError {
  code?: string;
  message?: string;
  loc?: { start?: { line?: number | null; column?: number | null } };
}

/** A plugin that cannot be loaded is a setup problem, not a problem in the file. */
function isPluginLoadError(err: PrettierError): boolean {
  return (err.code?.startsWith('ERR_') ?? false) || /Cannot find (package|module)/.test(err.message ?? '');
}

/** The parser's own words: first line, without prettier's "(line:col)" suffix and code frame. */
function parseErrorMessage(err: PrettierError): string {
  const first = (err.message ?? String(err)).split(/\r?\n/)[0]?.replace(/\s*\((\d+|NaN):(\d+|NaN)\)\s*$/, '').replace(/\.\.$/, '.') ?? '';
  return `prettier could not parse this file: ${first.trim()}`;
}

async function checkFile(file: string, ctx: CheckContext, ignorePath: string[]): Promise<Finding | undefined> {
  // Given plugins and no config, getFileInfo does not load the .prettierrc's plugins by name (from cwd).
  const { ignored } = await prettier.getFileInfo(file, { ignorePath, withNodeModules: false, resolveConfig: false, plugins: BUNDLED });
  if (ignored) return undefined;
  const config = (await prettier.resolveConfig(file, { editorconfig: true })) ?? {};
  const source = await readFile(file, 'utf8');
  const rel = relativeToProject(ctx.projectDir, file);
  let formatted: string;
  try {
    // Formatting once and comparing is what prettier.check does; the result also gives the line.
    formatted = await prettier.format(source, { ...config, plugins: pluginsFor(config.plugins), filepath: file });
  } catch (caught) {
    const err = caught as PrettierError;
    if (isPluginLoadError(err)) {
      throw new CheckSetupError('PRETTIER_PLUGIN_NOT_FOUND', `prettier could not load a plugin for ${rel}: ${err.message ?? String(err)}`);
    }
    const line = err.loc?.start?.line;
    const column = err.loc?.start?.column;
    return {
      check: 'format',
      severity: 'error',
      file: rel,
      ...(typeof line === 'number' ? { line } : {}),
      ...(typeof line === 'number' && typeof column === 'number' ? { column } : {}),
      message: parseErrorMessage(err),
      rule: 'parse-error',
    };
  }
  if (formatted === source) return undefined;
  return { check: 'format', severity: 'error', file: rel, line: firstDifferingLine(source, formatted), message: UNFORMATTED, rule: 'prettier' };
}

/** Runs `work` over `items` with at most `limit` in flight (the Apex parser is a child process per file). */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const formattingCheck: Check = {
  name: 'format',
  description: CHECK_DESCRIPTIONS.format,
  async run(ctx) {
    // A long-lived process (watch mode, the CLI's server) must see edits to .prettierrc.
    await prettier.clearConfigCache();
    // The same ignore files the prettier CLI (`npm run format`) reads.
    const ignorePath = [path.join(ctx.projectDir, '.gitignore'), path.join(ctx.projectDir, '.prettierignore')];
    const files = (await listSourceFiles(ctx.sourceDir)).filter((f) => isFormattedFileType(relativeToProject(ctx.sourceDir, f)));
    const results = await mapLimited(files, Math.max(2, os.availableParallelism()), (f) => checkFile(f, ctx, ignorePath));
    return results.filter((f): f is Finding => f !== undefined);
  },
};
