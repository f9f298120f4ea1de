import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJava, JAVA_NOT_FOUND_MESSAGE, parseJavaMajor } from '../src/java.js';
import { CheckSetupError } from '../src/types.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'orgkit-java-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A stand-in `java` that prints the given `java -version` banner on stderr, as Java does. */
async function fakeJava(dir: string, banner: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'java');
  await writeFile(file, `#!/bin/sh\necho '${banner}' >&2\n`);
  await chmod(file, 0o755);
  return file;
}

async function setupErrorOf(promise: Promise<unknown>): Promise<CheckSetupError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof CheckSetupError) return err;
  throw new Error(`expected a CheckSetupError, got ${String(err)}`);
}

describe('findJava', () => {
  it('finds the Java 11+ this machine has', async () => {
    const java = await findJava(process.env);
    expect(path.isAbsolute(java)).toBe(true);
  });

  it('says how to install Java when neither PATH nor JAVA_HOME has one', async () => {
    const empty = path.join(root, 'empty-bin');
    await mkdir(empty, { recursive: true });
    const err = await setupErrorOf(findJava({ PATH: empty, JAVA_HOME: path.join(root, 'no-such-jdk') }));
    expect(err.code).toBe('JAVA_NOT_FOUND');
    expect(err.message).toBe(JAVA_NOT_FOUND_MESSAGE);
    expect(err.message).toContain('sudo apt-get install -y openjdk-17-jre-headless');
    expect(err.message).toContain('brew install openjdk@17');
  });

  it('rejects a Java older than 11, naming the command and its version', async () => {
    const old = await fakeJava(path.join(root, 'old-bin'), 'java version "1.8.0_292"');
    const err = await setupErrorOf(findJava({ PATH: path.dirname(old) }));
    expect(err.code).toBe('JAVA_TOO_OLD');
    expect(err.message).toContain(`${old} is Java 8`);
    expect(err.message).toContain('JAVA_HOME');
  });

  it('prefers JAVA_HOME over PATH', async () => {
    const home = path.join(root, 'jdk-21');
    const fromHome = await fakeJava(path.join(home, 'bin'), 'openjdk version "21.0.2" 2024-01-16');
    const onPath = await fakeJava(path.join(root, 'path-bin'), 'openjdk version "17.0.15" 2025-04-15');
    expect(await findJava({ JAVA_HOME: home, PATH: path.dirname(onPath) })).toBe(fromHome);
  });

  it('falls back to PATH when JAVA_HOME points nowhere', async () => {
    const onPath = await fakeJava(path.join(root, 'fallback-bin'), 'openjdk version "17.0.15" 2025-04-15');
    expect(await findJava({ JAVA_HOME: path.join(root, 'gone'), PATH: path.dirname(onPath) })).toBe(onPath);
  });
});

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_292"', 8],
    ['openjdk version "11" 2018-09-25', 11],
    ['java version "21-ea"', 21],
    ['command not found', undefined],
  ])('%s → %s', (banner, major) => {
    expect(parseJavaMajor(banner)).toBe(major);
  });
});
