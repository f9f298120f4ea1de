import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { CheckSetupError } from './types.js';

/** apex-ls and PMD 7 both need at least this Java major version. */
export const MIN_JAVA_MAJOR = 11;

const INSTALL_HINT =
  'Install a JDK or JRE (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17)';

/** Shown when no Java can be found; exported so the README can quote it word for word. */
export const JAVA_NOT_FOUND_MESSAGE =
  `Java ${MIN_JAVA_MAJOR} or newer is needed for the Apex checks (apex-ls, PMD), but no \`java\` was found on PATH or in JAVA_HOME. ` +
  `${INSTALL_HINT} and run the command again.`;

export function javaTooOldMessage(command: string, major: number): string {
  return (
    `Java ${MIN_JAVA_MAJOR} or newer is needed for the Apex checks (apex-ls, PMD), but ${command} is Java ${major}. ` +
    `${INSTALL_HINT}, put it first on PATH or point JAVA_HOME at it, and run the command again.`
  );
}

const EXE = process.platform === 'win32' ? 'java.exe' : 'java';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Windows spells it `Path`; the env passed in may come from anywhere. */
function pathVariable(env: NodeJS.ProcessEnv): string {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH');
  return (key && env[key]) || '';
}

/** JAVA_HOME's java first (the user chose it), then the first java on PATH. */
function candidates(env: NodeJS.ProcessEnv): string[] {
  const fromHome = env.JAVA_HOME ? [path.resolve(env.JAVA_HOME, 'bin', EXE)] : [];
  const onPath = pathVariable(env)
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.resolve(dir, EXE))
    .find(isExecutable);
  return [...new Set([...fromHome, ...(onPath ? [onPath] : [])])].filter(isExecutable);
}

/**
 * The major version `java -version` reports ("17.0.15" → 17, "1.8.0_292" → 8), or undefined
 * when the command does not run or prints no version.
 */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function javaMajor(command: string, env: NodeJS.ProcessEnv): Promise<number | undefined> {
  return new Promise((resolve) => {
    // `java -version` prints to stderr; stdout is checked too for odd distributions.
    execFile(command, ['-version'], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve(err ? undefined : parseJavaMajor(`${stderr}\n${stdout}`));
    });
  });
}

/**
 * The absolute path of a Java ≥ 11 to run apex-ls and PMD with: JAVA_HOME/bin/java, else the
 * first `java` on PATH. Takes the environment as a parameter so callers (and tests) decide
 * where to look. Throws CheckSetupError JAVA_NOT_FOUND / JAVA_TOO_OLD with the fix in the message.
 */
export async function findJava(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  let tooOld: { command: string; major: number } | undefined;
  for (const command of candidates(env)) {
    const major = await javaMajor(command, env);
    if (major === undefined) continue;
    if (major >= MIN_JAVA_MAJOR) return command;
    tooOld ??= { command, major };
  }
  if (tooOld) throw new CheckSetupError('JAVA_TOO_OLD', javaTooOldMessage(tooOld.command, tooOld.major));
  throw new CheckSetupError('JAVA_NOT_FOUND', JAVA_NOT_FOUND_MESSAGE);
}
