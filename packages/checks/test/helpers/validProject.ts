/**
 * A small project every check passes with zero errors: an Apex class, its -meta.xml, a custom
 * field, an LWC bundle, the repo's .prettierrc and .forceignore. Tests add one defect at a time
 * on top of it. Every file is already formatted the way `npm run format` leaves it.
 */

/** The repo's .prettierrc: plugins by bare name, as a real project lists them. */
export const PRETTIERRC = `${JSON.stringify(
  {
    trailingComma: 'none',
    singleQuote: true,
    tabWidth: 4,
    plugins: ['prettier-plugin-apex', '@prettier/plugin-xml'],
    overrides: [{ files: '**/lwc/**/*.html', options: { parser: 'lwc' } }],
  },
  null,
  4,
)}\n`;

export const FORCEIGNORE = ['**/__tests__/**', '**/jsconfig.json', '**/tsconfig.json', '**/*.ts', '**/.eslintrc.json', ''].join('\n');

/** An ApexClass -meta.xml as prettier-plugin-xml formats it (note the space before `?>`). */
export function apexClassMeta(apiVersion = '65.0'): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>${apiVersion}</apiVersion>
    <status>Active</status>
</ApexClass>
`;
}

export const CLASSES = 'force-app/main/default/classes';

export const VALID_PROJECT_FILES: Record<string, string> = {
  '.prettierrc': PRETTIERRC,
  '.forceignore': FORCEIGNORE,
  [`${CLASSES}/AccountTierService.cls`]: `/**
 * @description Finds accounts and ranks their tiers for the accountTier component.
 */
public with sharing class AccountTierService {
    /**
     * @description Accounts with the given name, read in user mode.
     * @param name the account name to look for
     * @return the matching accounts
     */
    @AuraEnabled(cacheable=true)
    public static List<Account> findByName(String name) {
        return [
            SELECT Id, Name
            FROM Account
            WHERE Name = :name
            WITH USER_MODE
            LIMIT 50
        ];
    }

    /**
     * @description The rank of a tier: Gold 3, Silver 2, anything else 1.
     * @param tier the tier label
     * @return the rank
     */
    public static Integer rankOf(String tier) {
        if (tier == 'Gold') {
            return 3;
        }
        return tier == 'Silver' ? 2 : 1;
    }
}
`,
  [`${CLASSES}/AccountTierService.cls-meta.xml`]: apexClassMeta(),
  'force-app/main/default/objects/Account/fields/Tier__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8" ?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Tier__c</fullName>
    <label>Tier</label>
    <length>20</length>
    <type>Text</type>
</CustomField>
`,
  'force-app/main/default/lwc/accountTier/accountTier.js': `import { LightningElement, api } from 'lwc';

export default class AccountTier extends LightningElement {
    @api tier;

    get label() {
        return this.tier ? \`Tier: \${this.tier}\` : 'No tier';
    }
}
`,
  'force-app/main/default/lwc/accountTier/accountTier.html': `<template>
    <p class="tier">{label}</p>
</template>
`,
  'force-app/main/default/lwc/accountTier/accountTier.css': `.tier {
    font-weight: bold;
}
`,
  'force-app/main/default/lwc/accountTier/accountTier.js-meta.xml': `<?xml version="1.0" encoding="UTF-8" ?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <isExposed>true</isExposed>
    <targets>
        <target>lightning__RecordPage</target>
    </targets>
</LightningComponentBundle>
`,
  // Forceignored: never deploys, so neither SDR nor prettier looks at it.
  'force-app/main/default/lwc/accountTier/__tests__/accountTier.test.js': "describe('accountTier', () => {});\n",
};
