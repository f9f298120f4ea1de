import { readFileSync } from 'node:fs';
import { deleteByIds, type DataCloudAuthOptions } from '@orgkit/datacloud';
import { printJson, reportFailure } from '../output.js';
import { resolveCoreAuth, type OrgAuthFlags } from '@orgkit/org-auth';
import { DATACLOUD_EXIT } from './datacloudExitCodes.js';
import { StreamFlagError } from './datacloudStream.js';

export interface DeleteFlags extends OrgAuthFlags {
  connector: string;
  object: string;
  ids?: string;
  idsFile?: string;
  dataspace?: string;
  json?: boolean;
}

/** The primary keys to delete: --ids a,b or --ids-file (one a line, blank lines skipped). */
function readIds(flags: DeleteFlags): string[] {
  if (Boolean(flags.ids) === Boolean(flags.idsFile)) throw new StreamFlagError('Pass the primary keys to delete with either --ids a,b or --ids-file <file> (one a line).');
  let text = flags.ids ?? '';
  if (flags.idsFile) {
    try {
      text = readFileSync(flags.idsFile, 'utf8');
    } catch (err) {
      throw new StreamFlagError(`Cannot read --ids-file ${flags.idsFile} (${(err as NodeJS.ErrnoException).code ?? 'error'}): pass a file with one primary key a line.`);
    }
  }
  const ids = [...new Set(text.split(flags.idsFile ? /\r?\n/ : ',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0) throw new StreamFlagError('No primary keys given: nothing to delete.');
  return ids;
}

export async function runDeleteCommand(flags: DeleteFlags): Promise<number> {
  const json = Boolean(flags.json);
  try {
    const ids = readIds(flags);
    const auth: DataCloudAuthOptions = { core: resolveCoreAuth(flags), ...(flags.dataspace ? { dataspace: flags.dataspace } : {}) };
    const done = await deleteByIds({ auth, connector: flags.connector, object: flags.object, ids });
    const result = { connector: flags.connector, object: flags.object, ...done };
    if (json) printJson(DATACLOUD_EXIT.ALL_ACCEPTED, result);
    else {
      process.stdout.write(
        `Asked Data Cloud to delete ${done.requested} ${flags.connector}/${flags.object} record(s) by primary key in ${result.requests} request(s); rows disappear when Data Cloud processes the deletion.\n`,
      );
    }
    return DATACLOUD_EXIT.ALL_ACCEPTED;
  } catch (err) {
    return reportFailure(err, json, DATACLOUD_EXIT.FAILED);
  }
}
