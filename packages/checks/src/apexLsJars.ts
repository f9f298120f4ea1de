import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CheckSetupError } from './types.js';

/**
 * The folder of jars inside the PMD engine package: apex-ls, PMD and the platform's SObject
 * types for API 65. Resolved through Node so hoisting or a nested install does not matter.
 */
export function pmdEngineJavaLib(): string {
  const engineMain = createRequire(import.meta.url).resolve('@salesforce/code-analyzer-pmd-engine');
  const javaLib = path.join(path.dirname(engineMain), 'java-lib');
  if (!existsSync(javaLib)) {
    throw new CheckSetupError(
      'APEX_LS_NOT_FOUND',
      `apex-ls was not found: ${javaLib} does not exist. Reinstall dependencies (npm ci) and run the command again.`,
    );
  }
  return javaLib;
}
