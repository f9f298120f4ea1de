import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './paths.js';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
export const CLASS_META = `<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass ${NS}>\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`;
const forceApp = (rel: string): string => readFileSync(path.join(REPO, 'force-app/main/default', rel), 'utf8');

/** A small project whose roles split like the real one: Api* to source, the rest to target. */
export const ROLES = {
  roles: {
    source: { org: 'Org B', include: ['ApexClass:Api*', 'CustomField:Account.Shared__c'] },
    target: {
      org: 'Org A',
      include: ['*'],
      exclude: ['ApexClass:Api*'],
      postDeploy: {
        customSettingDefaults: [{ object: 'Run_Settings__c', values: { Batch_Size__c: 100 } }],
        assignToDeployingUser: ['Runner'],
        schedules: [{ jobName: 'Nightly', apex: "System.schedule('Nightly', '0 0 2 * * ?', new NightlySchedule());" }],
      },
    },
  },
  ssoComponents: ['SamlSsoConfig:*', 'Settings:Security', 'PermissionSet:SSO_Users'],
};

export const BASE: Record<string, string> = {
  'classes/ApiGreeter.cls': "public with sharing class ApiGreeter {\n    public static String greet(String name) {\n        return 'Hello ' + name;\n    }\n}\n",
  'classes/ApiGreeter.cls-meta.xml': CLASS_META,
  'classes/Enricher.cls': 'public with sharing class Enricher {\n    public static Integer size() {\n        return 1;\n    }\n}\n',
  'classes/Enricher.cls-meta.xml': CLASS_META,
  'objects/Account/fields/Shared__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8" ?>\n<CustomField ${NS}>\n    <fullName>Shared__c</fullName>\n    <label>Shared</label>\n    <length>20</length>\n    <type>Text</type>\n</CustomField>\n`,
  'objects/Run_Settings__c/Run_Settings__c.object-meta.xml': `<?xml version="1.0" encoding="UTF-8" ?>\n<CustomObject ${NS}>\n    <customSettingsType>Hierarchy</customSettingsType>\n    <label>Run Settings</label>\n    <visibility>Public</visibility>\n</CustomObject>\n`,
  'objects/Run_Settings__c/fields/Batch_Size__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8" ?>\n<CustomField ${NS}>\n    <fullName>Batch_Size__c</fullName>\n    <label>Batch Size</label>\n    <precision>4</precision>\n    <scale>0</scale>\n    <type>Number</type>\n</CustomField>\n`,
  'permissionsets/Runner.permissionset-meta.xml': `<?xml version="1.0" encoding="UTF-8" ?>\n<PermissionSet ${NS}>\n    <hasActivationRequired>false</hasActivationRequired>\n    <label>Runner</label>\n</PermissionSet>\n`,
};

/** The repo's matching rule and its committed-inactive duplicate rule: the two-phase pair. */
export const DUPLICATE_RULE_FILES = (): Record<string, string> => ({
  'matchingRules/Lead.matchingRule-meta.xml': forceApp('matchingRules/Lead.matchingRule-meta.xml'),
  'duplicateRules/Lead.Lead_Duplicate_Rule.duplicateRule-meta.xml': forceApp('duplicateRules/Lead.Lead_Duplicate_Rule.duplicateRule-meta.xml'),
});

/** The repo's SamlSsoConfig and Security settings: deploying them needs the lockout check. */
export const SSO_FILES = (): Record<string, string> => ({
  'samlssoconfigs/Sample_IdP.samlssoconfig-meta.xml': forceApp('samlssoconfigs/Sample_IdP.samlssoconfig-meta.xml'),
  'settings/Security.settings-meta.xml': forceApp('settings/Security.settings-meta.xml'),
});

/** Writes a project under `parent` (a temp folder by default); `null` leaves a BASE file out. */
export function writeProject(files: Record<string, string | null> = {}, parent = os.tmpdir()): { dir: string; file(rel: string): string } {
  const dir = mkdtempSync(path.join(parent, 'deploy-project-'));
  writeFileSync(path.join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' }));
  writeFileSync(path.join(dir, 'deploy-roles.json'), JSON.stringify(ROLES, null, 2));
  for (const [rel, text] of Object.entries({ ...BASE, ...files })) {
    if (text === null) continue;
    const file = path.join(dir, 'force-app/main/default', rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { dir, file: (rel) => path.join(dir, 'force-app/main/default', rel) };
}
