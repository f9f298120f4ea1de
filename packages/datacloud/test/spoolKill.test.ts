import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSpool, type SpooledEvent } from '../src/spool/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// The child runs the built spool (`npm test` builds first), as the streamer process would.
const builtSpool = join(packageDir, 'dist/spool/index.js');
const root = mkdtempSync(join(tmpdir(), 'spool-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface ChildLine {
  ready?: true;
  ok?: [number, string][];
  acking?: number[];
}

describe('spool after kill -9', () => {
  it('recovers every event it acknowledged and that was not acked, whenever the process dies', async () => {
    if (!existsSync(builtSpool)) throw new Error(`${builtSpool} is missing: run \`npm run build\` in packages/datacloud first`);
    const dir = join(root, 'spool');
    const child = spawn(process.execPath, [join(packageDir, 'test/fixtures/spoolAppender.mjs'), builtSpool, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged = new Map<number, string>();
    const acking = new Set<number>();
    const killAfter = 2000 + Math.floor(Math.random() * 10_000);
    let killed = false;
    const lines = createInterface({ input: child.stdout });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    for await (const text of lines) {
      const line = JSON.parse(text) as ChildLine;
      for (const [seq, payload] of line.ok ?? []) acknowledged.set(seq, payload);
      for (const seq of line.acking ?? []) acking.add(seq);
      if (!killed && acknowledged.size >= killAfter) {
        killed = child.kill('SIGKILL');
      }
    }
    expect(await exited).toBe('SIGKILL');

    const spool = await openSpool({ dir, segmentBytes: 16 * 1024 });
    try {
      const recovered: SpooledEvent[] = [];
      for await (const chunk of spool.recovered()) recovered.push(...chunk);
      const recoveredBySeq = new Map(recovered.map((e) => [e.seq, e.payload]));
      const owed = [...acknowledged].filter(([seq]) => !acking.has(seq));
      const missing = owed.filter(([seq, payload]) => recoveredBySeq.get(seq) !== payload);
      expect(missing, `killed after ${acknowledged.size} acknowledged events (aimed at ${killAfter})`).toEqual([]);
      expect(owed.length).toBeGreaterThan(0);
      // Oldest first, each once, and only whole events (an append cut off by the kill may appear: it was never acknowledged).
      expect(recovered.map((e) => e.seq)).toEqual([...recoveredBySeq.keys()].sort((a, b) => a - b));
      for (const event of recovered) expect(() => JSON.parse(event.payload) as unknown).not.toThrow();
      expect(spool.recoveredCount).toBe(recovered.length);
      // New events never reuse a seq the dead process handed out.
      const [next] = await spool.append(['{"after":"restart"}']);
      expect(next!.seq).toBeGreaterThan(Math.max(...acknowledged.keys()));
    } finally {
      await spool.close();
    }
  });
});
