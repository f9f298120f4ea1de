import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSpool } from '../src/spool/index.js';

const root = mkdtempSync(join(tmpdir(), 'spool-lock-'));
const children: { kill(signal: NodeJS.Signals): boolean }[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** A node process that idles until killed: a live pid that is not this one. */
async function liveProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("up")'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return child.pid!;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('spool lock', () => {
  it('refuses a second open in the same process, naming the pid and the directory', async () => {
    const dir = join(root, 'same');
    const spool = await openSpool({ dir });
    await expect(openSpool({ dir })).rejects.toMatchObject({
      code: 'SPOOL_LOCKED',
      message: expect.stringMatching(new RegExp(`${dir}.* process ${process.pid}`)),
    });
    await spool.close();
    const again = await openSpool({ dir });
    await again.close();
  });

  it('refuses a spool locked by another live process', async () => {
    const dir = join(root, 'live');
    const first = await openSpool({ dir });
    await first.close();
    const pid = await liveProcess();
    writeFileSync(join(dir, 'spool.lock'), `${pid}\n`);
    await expect(openSpool({ dir })).rejects.toMatchObject({ code: 'SPOOL_LOCKED', message: expect.stringContaining(`process ${pid}`) });
    expect(readFileSync(join(dir, 'spool.lock'), 'utf8').trim()).toBe(String(pid));
  });

  it('takes over the lock of a process that died, keeping its unacked events', async () => {
    const dir = join(root, 'stale');
    const first = await openSpool({ dir });
    const appended = await first.append(['{"eventId":"A"}', '{"eventId":"B"}']);
    await first.close();
    const pid = await deadPid();
    writeFileSync(join(dir, 'spool.lock'), `${pid}\n`);

    const second = await openSpool({ dir });
    expect(readFileSync(join(dir, 'spool.lock'), 'utf8').trim()).toBe(String(process.pid));
    const recovered = [];
    for await (const chunk of second.recovered()) recovered.push(...chunk);
    expect(recovered).toEqual(appended);
    await second.close();
  });
});
