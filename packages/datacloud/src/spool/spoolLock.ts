import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SpoolError } from './spoolError.js';

const LOCK_FILE = 'spool.lock';
// Locks this process holds: a lock with our own pid that is not in here was left by an earlier
// process that had the same pid (common in containers), so it is stale.
const heldHere = new Set<string>();

export interface SpoolLock {
  release(): Promise<void>;
}

/** A pid that still runs (EPERM: it runs under another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(lockPath: string): Promise<string | undefined> {
  try {
    return (await readFile(lockPath, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes `<dir>/spool.lock` holding this process's pid, so two streamers never write one spool.
 * The lock appears whole in one step (written aside, then hard-linked into place; link fails if it
 * exists), so a reader never sees it empty. A lock left by a dead pid is taken over; there is a
 * narrow race if two processes take over the same stale lock at the same instant, which we accept.
 */
export async function acquireSpoolLock(dir: string): Promise<SpoolLock> {
  const lockPath = resolve(dir, LOCK_FILE);
  const ownPid = String(process.pid);
  const draft = join(dir, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.draft`);
  await writeFile(draft, `${ownPid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(draft, lockPath);
        heldHere.add(lockPath);
        return {
          async release() {
            heldHere.delete(lockPath);
            // Only remove the lock while it is still ours.
            if ((await readHolder(lockPath)) === ownPid) await unlink(lockPath).catch(() => undefined);
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(lockPath);
      if (holder === undefined) continue;
      const pid = Number(holder);
      const live = holder === ownPid ? heldHere.has(lockPath) : Number.isSafeInteger(pid) && pid > 0 && isAlive(pid);
      if (live) {
        throw new SpoolError(
          'SPOOL_LOCKED',
          `The spool ${dir} is in use by process ${pid}. Stop that process or give this one another spool directory; ` +
            `if process ${pid} is not a streamer, delete ${lockPath}.`,
        );
      }
      // Stale: the holder died without releasing it. Re-check right before removing to keep the race narrow.
      if ((await readHolder(lockPath)) === holder) await unlink(lockPath).catch(() => undefined);
    }
    throw new SpoolError('SPOOL_LOCKED', `Could not take the lock ${lockPath}: other processes keep taking it. Give each streamer its own spool directory.`);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}
