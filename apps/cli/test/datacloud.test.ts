import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batteryEvent, DLO, eventRange, startDataCloudFixture, type DataCloudFixture } from './helpers/dataCloudTenant.js';
import { runOrgkit } from './helpers/runOrgkit.js';

let dc: DataCloudFixture;
beforeAll(async () => {
  dc = await startDataCloudFixture();
});
afterAll(async () => {
  await dc?.close();
});
const ndjson = (records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const stream = (file: string, extra: string[] = []) =>
  runOrgkit(['datacloud', 'stream', '--connector', 'solar', '--object', 'BatteryStatus', '--schema', dc.schemaFile, '--file', file, '--spool', path.join(dc.dir, `spool-${path.basename(file)}`), ...extra], {
    cwd: dc.dir,
    env: dc.env,
  });
const deadLetters = async (file: string) =>
  (await readFile(path.join(dc.dir, `spool-${path.basename(file)}`, 'dead-letter.ndjson'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { code: string; reason: string; source: string; raw?: string; record?: unknown });

// Each test streams its own event range with its own spool, so they run side by side (CLI start-up dominates).
describe.concurrent('orgkit datacloud stream', () => {
  it('streams an NDJSON file into the tenant with a JWT login from the environment: every row lands, exit 0', async () => {
    const file = path.join(dc.dir, 'events.ndjson');
    await writeFile(file, ndjson(Array.from({ length: 2000 }, (_, i) => batteryEvent(i))));
    const run = await stream(file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2,000 records read');
    expect(run.stdout).toContain('2,000 accepted · 0 dead-lettered');
    await dc.org.dataCloud!.settled();
    expect(dc.count(eventRange(0, 1999))).toBe(2000);
    const [row] = dc.org.dataCloud!.query(`SELECT batteryLevel__c, chargingState__c, eventTime__c FROM ${DLO} WHERE eventId__c = 'evt-000123'`);
    expect(row).toMatchObject({ batteryLevel__c: 22, chargingState__c: 'Discharging' });
  });

  it('treats a missing flag as a failure (exit 1), since exit 2 means records were dead-lettered', async () => {
    const run = await runOrgkit(['datacloud', 'stream', '--connector', 'solar', '--schema', dc.schemaFile, '--file', 'x.ndjson'], { cwd: dc.dir, env: dc.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("required option '--object <name>' not specified");
  });

  it('streams a CSV file, typing cells by the schema, and prints the sf JSON envelope with --json', async () => {
    const file = path.join(dc.dir, 'events.csv');
    const rows = Array.from({ length: 300 }, (_, i) => batteryEvent(10_000 + i));
    await writeFile(file, `chargingState,eventId,deviceId,batteryLevel,eventTime\r\n${rows.map((r) => `${r.chargingState},${r.eventId},"${r.deviceId}",${r.batteryLevel},${r.eventTime}`).join('\r\n')}\r\n`);
    const run = await stream(file, ['--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { status: number; result: { read: number; accepted: number; deadLettered: number } };
    expect(out.status).toBe(0);
    expect(out.result).toMatchObject({ read: 300, accepted: 300, deadLettered: 0 });
    await dc.org.dataCloud!.settled();
    expect(dc.count(eventRange(10_000, 10_299))).toBe(300);
    expect(dc.org.dataCloud!.query(`SELECT batteryLevel__c FROM ${DLO} WHERE eventId__c = 'evt-010007'`)).toEqual([{ batteryLevel__c: batteryEvent(10_007).batteryLevel }]);
  });

  it('dead-letters malformed lines and wrong-typed records with line numbers and reasons, lands the rest, exit 2', async () => {
    const file = path.join(dc.dir, 'bad.ndjson');
    const good = (i: number) => JSON.stringify(batteryEvent(20_000 + i));
    const { batteryLevel: _drop, ...missingLevel } = batteryEvent(20_100);
    const lines = [
      good(1),
      good(2),
      '{"eventId": "broken", ',
      good(3),
      JSON.stringify({ ...batteryEvent(20_101), batteryLevel: 'high' }),
      good(4),
      'not json at all',
      JSON.stringify(missingLevel),
      JSON.stringify({ ...batteryEvent(20_102), colour: 'blue' }),
      JSON.stringify({ ...batteryEvent(20_103), eventTime: '21/06/2026 10:00' }),
      good(5),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const run = await stream(file);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('6 dead-lettered');
    const entries = await deadLetters(file);
    expect(entries.map((e) => [e.source, e.code]).sort()).toEqual(
      [
        [`${file}:3`, 'MALFORMED_INPUT'],
        [`${file}:5`, 'INVALID_RECORD'],
        [`${file}:7`, 'MALFORMED_INPUT'],
        [`${file}:8`, 'INVALID_RECORD'],
        [`${file}:9`, 'INVALID_RECORD'],
        [`${file}:10`, 'INVALID_RECORD'],
      ].sort(),
    );
    const reasonOf = (line: number) => entries.find((e) => e.source === `${file}:${line}`)!.reason;
    expect(reasonOf(3)).toMatch(/not valid JSON/);
    expect(reasonOf(5)).toMatch(/batteryLevel/);
    expect(reasonOf(8)).toMatch(/batteryLevel/);
    expect(reasonOf(9)).toMatch(/colour/);
    expect(reasonOf(10)).toMatch(/eventTime/);
    expect(entries.find((e) => e.source === `${file}:7`)!.raw).toBe('not json at all');
    await dc.org.dataCloud!.settled();
    expect(dc.count(eventRange(20_000, 20_999))).toBe(5);
  });

  it('dead-letters CSV rows with a bad cell or the wrong number of values, by line', async () => {
    const file = path.join(dc.dir, 'bad.csv');
    const r = (i: number) => batteryEvent(30_000 + i);
    const row = (e: ReturnType<typeof r>) => `${e.eventId},${e.deviceId},${e.batteryLevel},${e.eventTime},${e.chargingState}`;
    await writeFile(file, ['eventId,deviceId,batteryLevel,eventTime,chargingState', row(r(1)), `${r(2).eventId},x,lots,${r(2).eventTime},Idle`, `${r(3).eventId},x,4`, row(r(4)), ''].join('\n'));
    const run = await stream(file);
    expect(run.code).toBe(2);
    const entries = await deadLetters(file);
    expect(entries.map((e) => e.source).sort()).toEqual([`${file}:3`, `${file}:4`]);
    expect(entries.find((e) => e.source === `${file}:3`)!.reason).toMatch(/batteryLevel/);
    expect(entries.find((e) => e.source === `${file}:4`)!.reason).toBe('has 3 values; the header has 5 columns');
    await dc.org.dataCloud!.settled();
    expect(dc.count(eventRange(30_000, 30_999))).toBe(2);
  });

  it('rejects a CSV whose header does not match the schema before sending anything, exit 1', async () => {
    const file = path.join(dc.dir, 'wrong-header.csv');
    await writeFile(file, 'eventId,device,batteryLevel,eventTime,chargingState\ne1,x,1,2026-01-01T00:00:00Z,Idle\n');
    const run = await stream(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CSV_HEADER_MISMATCH');
    expect(run.stderr).toMatch(/unknown column\(s\) "device"; missing column\(s\) "deviceId"/);
    expect(dc.count("eventId__c = 'e1'")).toBe(0);
  });

  it('lists every problem of an invalid schema YAML with its line and exits 1 without a stack trace', async () => {
    const schemaFile = path.join(dc.dir, 'broken.yaml');
    await writeFile(
      schemaFile,
      'openapi: 3.0.3\ncomponents:\n  schemas:\n    BatteryStatus:\n      type: object\n      properties:\n        eventId:\n          type: integer\n        location:\n          type: object\n          properties:\n            lat:\n              type: number\n',
    );
    const file = path.join(dc.dir, 'unused.ndjson');
    await writeFile(file, ndjson([batteryEvent(1)]));
    const run = await runOrgkit(['datacloud', 'stream', '--connector', 'solar', '--object', 'BatteryStatus', '--schema', schemaFile, '--file', file], { cwd: dc.dir, env: dc.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('INVALID_SCHEMA');
    expect(run.stderr).toMatch(/broken\.yaml:8 .*integer/);
    expect(run.stderr).toMatch(/broken\.yaml:10 .*nested|flat/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says which login flags are missing, exit 1', async () => {
    const file = path.join(dc.dir, 'login.ndjson');
    await writeFile(file, ndjson([batteryEvent(1)]));
    const run = await runOrgkit(['datacloud', 'stream', '--connector', 'solar', '--object', 'BatteryStatus', '--schema', dc.schemaFile, '--file', file], {
      cwd: dc.dir,
      env: { ...dc.env, ORGKIT_USERNAME: '' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AUTH_INCOMPLETE');
    expect(run.stderr).toContain('--username (or ORGKIT_USERNAME)');
  });
});

describe('orgkit datacloud delete', () => {
  it('removes the rows whose primary keys are given by --ids or --ids-file', async () => {
    const file = path.join(dc.dir, 'to-delete.ndjson');
    await writeFile(file, ndjson(Array.from({ length: 10 }, (_, i) => batteryEvent(40_000 + i))));
    expect((await stream(file)).code).toBe(0);
    await dc.org.dataCloud!.settled();
    expect(dc.count(eventRange(40_000, 40_999))).toBe(10);

    const byFlag = await runOrgkit(['datacloud', 'delete', '--connector', 'solar', '--object', 'BatteryStatus', '--ids', 'evt-040000,evt-040001,evt-040002'], { cwd: dc.dir, env: dc.env });
    expect(byFlag.code).toBe(0);
    const idsFile = path.join(dc.dir, 'ids.txt');
    await writeFile(idsFile, 'evt-040003\n\nevt-040004\n');
    const byFile = await runOrgkit(['datacloud', 'delete', '--connector', 'solar', '--object', 'BatteryStatus', '--ids-file', idsFile, '--json'], { cwd: dc.dir, env: dc.env });
    expect(byFile.code).toBe(0);
    expect(JSON.parse(byFile.stdout)).toMatchObject({ status: 0, result: { requested: 2 } });
    await dc.org.dataCloud!.settled();
    expect(dc.org.dataCloud!.query(`SELECT eventId__c AS id FROM ${DLO} WHERE ${eventRange(40_000, 40_999)} ORDER BY id`).map((r) => r.id)).toEqual([5, 6, 7, 8, 9].map((i) => `evt-04000${i}`));
  });
});
