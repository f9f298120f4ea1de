import type { CheckName } from './types.js';

/**
 * What each check verifies, in one line. It lives apart from the checks so `orgkit --help` can
 * list them without loading PMD, SDR and prettier.
 */
export const CHECK_DESCRIPTIONS: Readonly<Record<CheckName, string>> = {
  sdr: 'Every file in the package directory resolves to a deployable metadata component (SDR)',
  'metadata-schema': 'Metadata XML is well-formed and matches the Metadata API type schema',
  apex: 'Apex compiles: types, methods, fields and SOQL objects resolve (apex-ls; Java 11+)',
  pmd: 'PMD 7 recommended and security rules for Apex; Critical/High are errors (Java 11+)',
  'field-references': 'Custom fields and objects referenced from Apex, SOQL and LWC exist in objects/',
  format: 'Apex, XML and LWC files are formatted with prettier (the project .prettierrc)',
};

export { CHECK_NAMES, type CheckName } from './types.js';
