import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fetchMetadata, type FetchMetadataOptions } from '../fetchMetadata.js';
import { readIdpMetadata, type IdpMetadata } from '../idpMetadata/readIdpMetadata.js';
import { SsoImportError } from '../idpMetadata/ssoImportError.js';
import { developerNameFor } from './developerName.js';
import { renderSamlSsoConfig, type SamlSsoConfigFields } from './renderSamlSsoConfig.js';
import { myDomainUrl, spUrls, type SpUrls } from './spUrls.js';

export type IdentityOption = 'federation-id' | 'username' | 'user-id';
export const IDENTITY_OPTIONS: readonly IdentityOption[] = ['federation-id', 'username', 'user-id'];
const IDENTITY_MAPPING: Record<IdentityOption, SamlSsoConfigFields['identityMapping']> = { 'federation-id': 'FederationId', username: 'Username', 'user-id': 'UserId' };

/** Written when neither --entity-id nor --my-domain names the org: it deploys, but every SAML login would fail (Audience Invalid) until replaced. */
export const PLACEHOLDER_SP_ENTITY_ID = 'https://MYDOMAIN.my.salesforce.com';

export const DEFAULT_OUT_DIR = path.join('force-app', 'main', 'default', 'samlssoconfigs');

export interface ImportSamlSsoConfigOptions extends FetchMetadataOptions {
  metadataFile?: string;
  metadataUrl?: string;
  /** The label; the file name is the API name derived from it. */
  name: string;
  identity?: IdentityOption;
  /** Read the user's identity from this assertion attribute instead of the Subject NameID. */
  attribute?: string;
  /** Salesforce's entity id (samlEntityId); default the My Domain URL when --my-domain is given. */
  entityId?: string;
  myDomain?: string;
  orgId?: string;
  idpEntity?: string;
  outDir?: string;
  now?: Date;
}

export interface ImportSamlSsoConfigResult {
  file: string;
  /** True when the file existed and was replaced (a re-import after a certificate rollover). */
  replaced: boolean;
  developerName: string;
  fields: SamlSsoConfigFields;
  idp: IdpMetadata;
  spUrls: SpUrls;
  warnings: string[];
}

async function readMetadataText(options: ImportSamlSsoConfigOptions): Promise<{ text: string; source: string }> {
  if (Boolean(options.metadataFile) === Boolean(options.metadataUrl)) {
    throw new SsoImportError('INVALID_OPTIONS', 'Give exactly one of --metadata-file <xml> or --metadata-url <https url>: the IdP metadata to import.');
  }
  if (options.metadataUrl) return { text: await fetchMetadata(options.metadataUrl, options), source: options.metadataUrl };
  const file = options.metadataFile!;
  try {
    return { text: await readFile(file, 'utf8'), source: file };
  } catch (err) {
    throw new SsoImportError('METADATA_UNREADABLE', `Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Give the path of the IdP metadata XML you downloaded.`);
  }
}

/** IdP metadata (a file or a URL) → a SamlSsoConfig -meta.xml in `outDir`. */
export async function importSamlSsoConfig(options: ImportSamlSsoConfigOptions): Promise<ImportSamlSsoConfigResult> {
  const developerName = developerNameFor(options.name);
  const identity = options.identity ?? 'federation-id';
  if (!IDENTITY_OPTIONS.includes(identity)) throw new SsoImportError('INVALID_OPTIONS', `--identity must be one of ${IDENTITY_OPTIONS.join(', ')} (got ${identity}).`);
  if (options.attribute !== undefined && options.attribute.trim() === '') throw new SsoImportError('INVALID_OPTIONS', '--attribute needs the name of the assertion attribute that holds the user identity.');
  const samlEntityId = options.entityId ?? (options.myDomain ? myDomainUrl(options.myDomain) : PLACEHOLDER_SP_ENTITY_ID);
  const urls = spUrls(samlEntityId, options.myDomain, options.orgId);

  const { text, source } = await readMetadataText(options);
  const idp = readIdpMetadata(text, source, { ...(options.idpEntity ? { idpEntity: options.idpEntity } : {}), ...(options.now ? { now: options.now } : {}) });

  const fields: SamlSsoConfigFields = {
    name: options.name.trim(),
    issuer: idp.entityId,
    identityLocation: options.attribute ? 'Attribute' : 'SubjectNameId',
    ...(options.attribute ? { attributeName: options.attribute.trim() } : {}),
    identityMapping: IDENTITY_MAPPING[identity],
    loginUrl: idp.loginUrl,
    ...(idp.logoutUrl ? { logoutUrl: idp.logoutUrl } : {}),
    redirectBinding: idp.redirectBinding,
    samlEntityId,
    validationCert: idp.certificate.chosen.base64,
  };
  const warnings: string[] = [];
  if (samlEntityId === PLACEHOLDER_SP_ENTITY_ID) {
    warnings.push(`samlEntityId is the placeholder ${PLACEHOLDER_SP_ENTITY_ID}: replace it with your My Domain URL (run again with --my-domain <name> or --entity-id <url>) before deploying, or every SAML login fails with "Audience Invalid".`);
  }

  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const file = path.join(outDir, `${developerName}.samlssoconfig-meta.xml`);
  const replaced = Boolean(await stat(file).catch(() => undefined));
  await mkdir(outDir, { recursive: true });
  await writeFile(file, renderSamlSsoConfig(fields));
  return { file, replaced, developerName, fields, idp, spUrls: urls, warnings };
}
