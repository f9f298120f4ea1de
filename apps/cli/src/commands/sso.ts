import { Command, InvalidArgumentError, Option } from 'commander';
import type { ImportSamlSsoConfigResult } from '@orgkit/sso';
import { EXIT, EXIT_CODES_HELP } from '../exitCodes.js';
import { paint, printJson, reportFailure } from '../output.js';
import { ssoCheckCommand } from './ssoCheck.js';

export interface SsoImportFlags {
  metadataFile?: string;
  metadataUrl?: string;
  name: string;
  identity: 'federation-id' | 'username' | 'user-id';
  attribute?: string;
  entityId?: string;
  idpEntity?: string;
  myDomain?: string;
  orgId?: string;
  out: string;
  allowHttp?: boolean;
  timeout: number;
  json?: boolean;
}

const DAY_MS = 86_400_000;

/** What was written, the certificate chosen and why, and the URLs the IdP admin needs. */
export function renderSsoImport(result: ImportSamlSsoConfigResult, now = new Date()): string {
  const { fields, idp, spUrls } = result;
  const cert = idp.certificate.chosen;
  const daysLeft = Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS);
  const row = (label: string, value: string): string => `  ${label.padEnd(22)} ${value}`;
  const lines = [
    `${result.replaced ? 'Replaced' : 'Wrote'} ${result.file} (SamlSsoConfig ${result.developerName})`,
    row('Issuer (IdP entity)', fields.issuer),
    row('IdP login URL', `${fields.loginUrl} (${fields.redirectBinding ? 'HTTP-Redirect: no HTTP-POST endpoint' : 'HTTP-POST'})`),
    row('IdP logout URL', fields.logoutUrl ?? '(none in the metadata)'),
    row('User identity', `${fields.identityMapping} in ${fields.identityLocation === 'Attribute' ? `attribute ${fields.attributeName}` : 'the Subject NameID'}`),
    row('Certificate', `${cert.subject}, valid until ${cert.notAfter.toISOString().slice(0, 10)} (${daysLeft} days left)`),
    row('', `SHA-256 ${cert.fingerprint256}`),
    row('', `chosen: ${idp.certificate.reason}`),
    '',
    `Give the IdP admin these Salesforce URLs${spUrls.placeholders ? ' (replace <MyDomain>/<OrgId>, or run again with --my-domain and --org-id)' : ''}:`,
    row('Entity ID (Audience)', spUrls.entityId),
    row('ACS / Login URL', spUrls.acsUrl),
    row('Logout URL', spUrls.logoutUrl),
    row('OAuth token endpoint', spUrls.oauthTokenEndpoint),
  ];
  for (const warning of result.warnings) lines.push('', `${paint('yellow', 'Warning')}: ${warning}`);
  return lines.join('\n');
}

export async function runSsoImportCommand(flags: SsoImportFlags): Promise<number> {
  const json = Boolean(flags.json);
  try {
    const { importSamlSsoConfig } = await import('@orgkit/sso');
    const result = await importSamlSsoConfig({
      name: flags.name,
      identity: flags.identity,
      outDir: flags.out,
      timeoutMs: flags.timeout * 1000,
      allowHttp: Boolean(flags.allowHttp),
      ...(flags.metadataFile !== undefined ? { metadataFile: flags.metadataFile } : {}),
      ...(flags.metadataUrl !== undefined ? { metadataUrl: flags.metadataUrl } : {}),
      ...(flags.attribute !== undefined ? { attribute: flags.attribute } : {}),
      ...(flags.entityId !== undefined ? { entityId: flags.entityId } : {}),
      ...(flags.idpEntity !== undefined ? { idpEntity: flags.idpEntity } : {}),
      ...(flags.myDomain !== undefined ? { myDomain: flags.myDomain } : {}),
      ...(flags.orgId !== undefined ? { orgId: flags.orgId } : {}),
    });
    if (json) printJson(EXIT.OK, result, result.warnings);
    else process.stdout.write(`${renderSsoImport(result)}\n`);
    return EXIT.OK;
  } catch (err) {
    return reportFailure(err, json);
  }
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || seconds <= 0) throw new InvalidArgumentError('give a number of seconds, e.g. 10');
  return seconds;
}

function ssoImportCommand(): Command {
  return new Command('import')
    .description("Turn an IdP's SAML metadata into a SamlSsoConfig file (issuer, login/logout URLs, signing certificate)")
    .addOption(new Option('--metadata-file <xml>', "the IdP metadata XML you downloaded").conflicts('metadataUrl'))
    .option('--metadata-url <url>', "the IdP metadata URL (https only unless --allow-http)")
    .requiredOption('--name <label>', 'the label Setup shows (the file name is the API name derived from it), e.g. "Okta"')
    .addOption(new Option('--identity <mapping>', 'what the assertion identifies the user by').choices(['federation-id', 'username', 'user-id']).default('federation-id'))
    .option('--attribute <name>', 'read the identity from this assertion attribute instead of the Subject NameID')
    .option('--entity-id <url>', "Salesforce's SAML entity id (default: the --my-domain URL, else a placeholder to replace)")
    .option('--idp-entity <entityID>', 'the IdP to import when the metadata lists several (a federation aggregate)')
    .option('--my-domain <name>', 'your My Domain (acme, or acme.my.salesforce.com): fills the entity id and the URLs printed for the IdP admin')
    .option('--org-id <id>', 'your org id (00D…): fills ?so= in the URLs printed for the IdP admin')
    .option('--out <dir>', 'folder to write <Name>.samlssoconfig-meta.xml into', 'force-app/main/default/samlssoconfigs')
    .option('--allow-http', 'allow an http:// metadata URL (a local test IdP)')
    .addOption(new Option('--timeout <seconds>', 'give up on --metadata-url after this long').argParser(parseSeconds).default(10))
    .option('--json', 'format output as JSON (the sf envelope)')
    .addHelpText(
      'after',
      `
Nothing org-specific (request signing certificate, org ids, execution user) is written: Salesforce
fills those in when the config is deployed. Check the certificate later with \`orgkit sso check\`.
${EXIT_CODES_HELP}`,
    )
    .action(async (flags: SsoImportFlags) => {
      process.exitCode = await runSsoImportCommand(flags);
    });
}

/** `orgkit sso`: SAML single sign-on configuration. */
export function ssoCommand(): Command {
  return new Command('sso')
    .description('SAML single sign-on: import IdP metadata into a SamlSsoConfig, check certificates, Federation IDs and lockout')
    .addCommand(ssoImportCommand())
    .addCommand(ssoCheckCommand());
}
