import { Command } from 'commander';
import { addOrgAuthOptions, ORG_AUTH_HELP } from '@orgkit/org-auth';
import { runDeleteCommand, type DeleteFlags } from './datacloudDelete.js';
import { DATACLOUD_EXIT_HELP } from './datacloudExitCodes.js';
import { runStreamCommand, type StreamFlags } from './datacloudStream.js';

function streamCommand(): Command {
  const command = new Command('stream')
    .description('Send NDJSON or CSV records to a Data Cloud Ingestion API connector: validated, spooled to disk, packed into 200 KB requests, retried')
    .requiredOption('--connector <name>', 'Ingestion API connector (source) name')
    .requiredOption('--object <name>', 'object of the connector schema the records are')
    .requiredOption('--schema <yaml>', "the connector's OpenAPI schema (the YAML uploaded to Data Cloud)")
    .requiredOption('-f, --file <file>', 'NDJSON or CSV file, or - for stdin')
    .option('--format <format>', 'ndjson or csv (default: from the file extension; ndjson for stdin)')
    .option('--dataspace <name>', 'data space for the token exchange (default: the org default)');
  addOrgAuthOptions(command);
  return command
    .option('--mode <mode>', 'stream, bulk (a CSV bulk job, for backfills) or auto (bulk above --bulk-threshold)', 'stream')
    .option('--bulk-threshold <MB>', 'file size above which --mode auto uses a bulk job', '100')
    .option('--spool <dir>', 'write-ahead spool: what a killed run left there is resent first (default .orgkit/spool/<connector>-<object>)')
    .option('--dead-letter <file>', 'NDJSON file of records that were not sent and why (default <spool>/dead-letter.ndjson)')
    .option('--validate', "check the records with Data Cloud's /actions/test: nothing is stored")
    .option('--json', 'format output as JSON (the sf envelope)')
    .addHelpText(
      'after',
      `
Delivery is at-least-once: a rerun after a crash resends what was spooled but not yet accepted and
resumes reading after the last spooled line. Give the data stream a primary key so repeats are upserts.
Ctrl-C stops reading, sends what is spooled for a few seconds, then leaves the rest for the next run.
${ORG_AUTH_HELP}
${DATACLOUD_EXIT_HELP}`,
    )
    .action(async (flags: StreamFlags) => {
      process.exitCode = await runStreamCommand(flags);
    });
}

function deleteCommand(): Command {
  const command = new Command('delete')
    .description('Delete Data Cloud records by primary key (200 a request)')
    .requiredOption('--connector <name>', 'Ingestion API connector (source) name')
    .requiredOption('--object <name>', 'object of the connector schema')
    .option('--ids <ids>', 'comma-separated primary keys')
    .option('--ids-file <file>', 'file with one primary key a line')
    .option('--dataspace <name>', 'data space for the token exchange');
  addOrgAuthOptions(command);
  return command
    .option('--json', 'format output as JSON (the sf envelope)')
    .addHelpText('after', `${ORG_AUTH_HELP}\n${DATACLOUD_EXIT_HELP}`)
    .action(async (flags: DeleteFlags) => {
      process.exitCode = await runDeleteCommand(flags);
    });
}

export function datacloudCommand(): Command {
  return new Command('datacloud')
    .description('Data Cloud (Data 360) Ingestion API: stream records in, delete them by primary key')
    .addCommand(streamCommand())
    .addCommand(deleteCommand());
}
