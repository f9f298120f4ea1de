import { SsoImportError } from '../idpMetadata/ssoImportError.js';

/**
 * The API name Salesforce would derive from a label: letters, digits and single underscores,
 * starting with a letter, not ending with an underscore, at most 80 characters.
 */
export function developerNameFor(label: string): string {
  const trimmed = label.trim();
  if (trimmed === '' || trimmed.length > 80) {
    throw new SsoImportError('INVALID_OPTIONS', `--name must be 1 to 80 characters (got ${trimmed.length}); it is the label Setup shows, e.g. "Okta".`);
  }
  let name = trimmed
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') throw new SsoImportError('INVALID_OPTIONS', `--name "${label}" has no letters or digits to build an API name from. Use a label such as "Okta" or "Entra ID".`);
  if (!/^[A-Za-z]/.test(name)) name = `X${name}`;
  return name.slice(0, 80).replace(/_+$/, '');
}
