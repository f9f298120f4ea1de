import { describe, expect, it } from 'vitest';
import { fieldReferencesCheck } from '../src/checks/fieldReferences.js';
import type { Finding } from '../src/types.js';
import { apexMeta, CLASS_FILE, CLASS_SOURCE, DEFAULT, LWC_FILE, LWC_SOURCE, PROPERTY_PROJECT_FILES, TRIGGER_FILE, TRIGGER_SOURCE } from './helpers/propertyProject.js';
import { createTempProject, DEFAULT_SFDX_PROJECT } from './helpers/tempProject.js';
import { VALID_PROJECT_FILES } from './helpers/validProject.js';

/** Runs the check on the property project with `changes` applied on top. */
async function check(changes: Record<string, string> = {}, base = PROPERTY_PROJECT_FILES): Promise<Finding[]> {
  const project = await createTempProject({ ...base, ...changes });
  try {
    return await fieldReferencesCheck.run({ projectDir: project.dir, sourceDir: project.file('force-app') });
  } finally {
    await project.cleanup();
  }
}

/** 1-based line and column where `needle` first appears in `text`. */
function at(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** Checks `file` with `from` replaced by `to`, expecting exactly one finding at `to`'s first name. */
async function expectOne(file: string, source: string, from: string, to: string, message: string, marker = to): Promise<void> {
  if (!source.includes(from)) throw new Error(`${from} not in ${file}`);
  const changed = source.replace(from, to);
  expect(await check({ [file]: changed })).toEqual([
    { check: 'field-references', severity: 'error', file, ...at(changed, marker), message, rule: expect.any(String) },
  ]);
}

const missingField = (label: string, object: string, field: string, hint = ''): string =>
  `${label} is referenced but force-app has no objects/${object}/fields/${field}.field-meta.xml${hint}`;

describe('field-references on valid code', () => {
  it('finds nothing in the property project (SOQL, tokens, constructors, variables, trigger, LWC)', async () => {
    expect(await check()).toEqual([]);
  });

  it('finds nothing in the shared valid project', async () => {
    expect(await check({}, VALID_PROJECT_FILES)).toEqual([]);
  });

  it('leaves standard fields, managed-package names and dynamic SOQL alone', async () => {
    const source = `public with sharing class Others {
    public static void run(Account acc) {
        String n = acc.Name + acc.Industry;
        Schema.SObjectField f = Account.pkg__Score__c;
        List<SObject> a = [SELECT Id, pkg__Score__c, Owner.Name FROM pkg__Thing__c];
        List<SObject> b = Database.query('SELECT Nope__c FROM Account');
        Object c = acc.get('Nope__c');
    }
}
`;
    expect(await check({ [`${DEFAULT}/classes/Others.cls`]: source, [`${DEFAULT}/classes/Others.cls-meta.xml`]: apexMeta('ApexClass') })).toEqual([]);
  });

  it('skips a class that does not parse (the apex check reports it)', async () => {
    expect(await check({ [CLASS_FILE]: 'public class PropertyService { Account a = new Account(Nope__c = ; }' })).toEqual([]);
  });

  it('finds fields that another package directory of the project defines', async () => {
    const sfdxProject = { ...DEFAULT_SFDX_PROJECT, packageDirectories: [{ path: 'force-app', default: true }, { path: 'base-objects' }] };
    const moved = Object.fromEntries(Object.entries(PROPERTY_PROJECT_FILES).map(([file, content]) => [file.includes('/objects/') ? file.replace('force-app', 'base-objects') : file, content]));
    expect(await check({ 'sfdx-project.json': JSON.stringify(sfdxProject) }, moved)).toEqual([]);
  });
});

describe('field-references in inline SOQL', () => {
  it('reports an unknown field in the select list, suggesting the close one', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'SELECT Id, Name, Price__c,', 'SELECT Id, Name, Prize__c,', missingField('Property__c.Prize__c', 'Property__c', 'Prize__c', ' (did you mean Property__c.Price__c?)'), 'Prize__c');
  });

  it('reports an unknown field in WHERE', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'WHERE Price__c > :minimum', 'WHERE Cost__c > :minimum', missingField('Property__c.Cost__c', 'Property__c', 'Cost__c'), 'Cost__c');
  });

  it('reports an unknown field in ORDER BY', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'ORDER BY Price__c DESC', 'ORDER BY Listed__c DESC', missingField('Property__c.Listed__c', 'Property__c', 'Listed__c'), 'Listed__c');
  });

  it('reports an unknown field in GROUP BY and in an aggregate function', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'GROUP BY Broker__c', 'GROUP BY Agent__c', missingField('Property__c.Agent__c', 'Property__c', 'Agent__c'), 'Agent__c');
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'SUM(Price__c)', 'SUM(Amount__c)', missingField('Property__c.Amount__c', 'Property__c', 'Amount__c'), 'Amount__c');
  });

  it('resolves a relationship path through the lookup field and reports the field on the parent', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'Broker__r.Phone__c, Broker__r.Name', 'Broker__r.Fax__c, Broker__r.Name', missingField('Broker__c.Fax__c', 'Broker__c', 'Fax__c'), 'Fax__c');
  });

  it('reports a relationship whose lookup field does not exist', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'Broker__r.Name\n', 'Agent__r.Name\n', missingField('Property__c.Agent__r', 'Property__c', 'Agent__c'), 'Agent__r');
  });

  it('reports an unknown field in a subquery, on the child object of the relationship', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, '(SELECT Id, Price__c FROM Properties__r)', '(SELECT Id, Cost__c FROM Properties__r)', missingField('Property__c.Cost__c', 'Property__c', 'Cost__c'), 'Cost__c');
  });

  it('reports an unknown field in a bind expression', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, ':a.Region__c', ':a.Regoin__c', missingField('Account.Regoin__c', 'Account', 'Regoin__c', ' (did you mean Account.Region__c?)'), 'Regoin__c');
  });

  it('reports a custom object in FROM that objects/ does not define, and not its fields', async () => {
    const source = 'public with sharing class Listings {\n    public static List<SObject> all() {\n        return [SELECT Id, Price__c FROM Listing__c];\n    }\n}\n';
    const file = `${DEFAULT}/classes/Listings.cls`;
    expect(await check({ [file]: source, [`${file}-meta.xml`]: apexMeta('ApexClass') })).toEqual([
      expect.objectContaining({ file, ...at(source, 'Listing__c'), rule: 'unknown-object', message: 'Listing__c is referenced in SOQL FROM but force-app has no objects/Listing__c/Listing__c.object-meta.xml' }),
    ]);
  });
});

describe('field-references in Apex expressions', () => {
  it('reports an SObjectField token', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'Account.External_Id__c', 'Account.Externl_Id__c', missingField('Account.Externl_Id__c', 'Account', 'Externl_Id__c', ' (did you mean Account.External_Id__c?)'), 'Externl_Id__c');
  });

  it('reports a Schema-qualified token', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'Schema.Account.Region__c', 'Schema.Account.Area__c', missingField('Account.Area__c', 'Account', 'Area__c'), 'Area__c');
  });

  it('reports a field describe through Schema.SObjectType', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'fields.Region__c', 'fields.Zone__c', missingField('Account.Zone__c', 'Account', 'Zone__c'), 'Zone__c');
  });

  it('reports a name-value pair of an SObject constructor', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'Region__c = region', 'Territory__c = region', missingField('Account.Territory__c', 'Account', 'Territory__c'), 'Territory__c');
  });

  it('reports a field of a local variable', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'a.Region__c = described', 'a.Zone__c = described', missingField('Account.Zone__c', 'Account', 'Zone__c'), 'Zone__c');
  });

  it('reports a field of a for-loop variable', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'p.Price__c * 1.1', 'p.Value__c * 1.1', missingField('Property__c.Value__c', 'Property__c', 'Value__c'), 'Value__c');
  });

  it('reports a field of a parameter, on Activity for a Task', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 't.Property__c', 't.Listing__c', missingField('Task.Listing__c', 'Activity', 'Listing__c'), 'Listing__c');
  });

  it('reports a field of a class property read through this', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'this.owner.Region__c', 'this.owner.Sector__c', missingField('Account.Sector__c', 'Account', 'Sector__c'), 'Sector__c');
  });

  it('reports a field reached through a relationship of a class field', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'lastProperty?.Broker__r.Phone__c', 'lastProperty?.Broker__r.Fax__c', missingField('Broker__c.Fax__c', 'Broker__c', 'Fax__c'), 'Fax__c');
  });

  it('reports a child relationship that no lookup defines', async () => {
    await expectOne(CLASS_FILE, CLASS_SOURCE, 'b.Properties__r', 'b.Listings__r', missingField('Broker__c.Listings__r', 'Broker__c', 'Listings__c'), 'Listings__r');
  });

  it('reports fields of Trigger.new records', async () => {
    await expectOne(TRIGGER_FILE, TRIGGER_SOURCE, 'p.Price__c == null', 'p.Cost__c == null', missingField('Property__c.Cost__c', 'Property__c', 'Cost__c'), 'Cost__c');
    await expectOne(TRIGGER_FILE, TRIGGER_SOURCE, 'Trigger.new[0].Broker__c', 'Trigger.new[0].Agent__c', missingField('Property__c.Agent__c', 'Property__c', 'Agent__c'), 'Agent__c');
  });

  it('reports a field of a custom setting record got from the setting itself', async () => {
    const source = CLASS_SOURCE.replace("String described = ", "Boolean enabled = Listing_Setting__mdt.getInstance('Default').Enabld__c;\n        String described = ");
    expect(await check({ [CLASS_FILE]: source })).toEqual([
      expect.objectContaining({ ...at(source, 'Enabld__c'), message: missingField('Listing_Setting__mdt.Enabld__c', 'Listing_Setting__mdt', 'Enabld__c', ' (did you mean Listing_Setting__mdt.Enabled__c?)') }),
    ]);
  });

  it("drops the project's own namespace prefix before looking a field up", async () => {
    const sfdxProject = JSON.stringify({ ...DEFAULT_SFDX_PROJECT, namespace: 'acme' });
    const source = CLASS_SOURCE.replace('a.Region__c = described', 'a.acme__Region__c = a.acme__Zone__c');
    expect(await check({ 'sfdx-project.json': sfdxProject, [CLASS_FILE]: source })).toEqual([
      expect.objectContaining({ ...at(source, 'acme__Zone__c'), message: missingField('Account.acme__Zone__c', 'Account', 'Zone__c') }),
    ]);
  });
});

describe('field-references in LWC schema imports', () => {
  it('reports an unknown field import', async () => {
    await expectOne(LWC_FILE, LWC_SOURCE, 'schema/Property__c.Price__c', 'schema/Property__c.Prize__c', missingField('Property__c.Prize__c', 'Property__c', 'Prize__c', ' (did you mean Property__c.Price__c?)'), 'Prize__c');
  });

  it('reports an unknown field at the end of a relationship path', async () => {
    await expectOne(LWC_FILE, LWC_SOURCE, 'Contact.Account.Region__c', 'Contact.Account.Zone__c', missingField('Account.Zone__c', 'Account', 'Zone__c'), 'Zone__c');
  });

  it('reports an unknown custom object import', async () => {
    await expectOne(
      LWC_FILE,
      LWC_SOURCE,
      "'@salesforce/schema/Property__c';",
      "'@salesforce/schema/Listing__c';",
      'Listing__c is referenced in an @salesforce/schema import but force-app has no objects/Listing__c/Listing__c.object-meta.xml',
      'Listing__c',
    );
  });
});
