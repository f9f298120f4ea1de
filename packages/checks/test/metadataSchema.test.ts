import { describe, expect, it } from 'vitest';
import { metadataSchemaCheck } from '../src/checks/metadataSchema.js';
import type { Finding } from '../src/types.js';
import { DEFAULT, OBJECTS, PERMISSION_SET, PRICE_FIELD, PROPERTY_PROJECT_FILES } from './helpers/propertyProject.js';
import { createTempProject } from './helpers/tempProject.js';
import { VALID_PROJECT_FILES } from './helpers/validProject.js';

const PRICE = `${OBJECTS}/Property__c/fields/Price__c.field-meta.xml`;
const PERMSET = `${DEFAULT}/permissionsets/Property_Manager.permissionset-meta.xml`;

/** Runs the check on the property project with `changes` applied on top. */
async function check(changes: Record<string, string> = {}, base = PROPERTY_PROJECT_FILES): Promise<Finding[]> {
  const project = await createTempProject({ ...base, ...changes });
  try {
    return await metadataSchemaCheck.run({ projectDir: project.dir, sourceDir: project.file('force-app') });
  } finally {
    await project.cleanup();
  }
}

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in text`);
  return index + 1;
}

describe('metadata-schema on valid metadata', () => {
  it('finds nothing in the property project (objects, fields, list view, LWC targetConfigs, custom metadata)', async () => {
    expect(await check()).toEqual([]);
  });

  it('finds nothing in the shared valid project', async () => {
    expect(await check({}, VALID_PROJECT_FILES)).toEqual([]);
  });

  it('accepts files without fullName, as source format writes them', async () => {
    const withoutFullName = PRICE_FIELD.replace(/ *<fullName>.*\n/, '');
    expect(await check({ [PRICE]: withoutFullName })).toEqual([]);
  });
});

describe('metadata-schema accepts what real projects deploy', () => {
  const FLEXIPAGE = `${DEFAULT}/flexipages/Property_Record.flexipage-meta.xml`;
  const flexipage = (region: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
    <flexiPageRegions>
${region}
        <name>main</name>
        <type>Region</type>
    </flexiPageRegions>
    <masterLabel>Property Record</masterLabel>
    <sobjectType>Property__c</sobjectType>
    <template>
        <name>flexipage:recordHomeTemplateDesktop</name>
    </template>
    <type>RecordPage</type>
</FlexiPage>
`;

  it('knows elements newer than jsforce\'s API 48 schema (FlexiPage <itemInstances>)', async () => {
    const region = '        <itemInstances>\n            <componentInstance>\n                <componentName>force:detailPanel</componentName>\n                <identifier>detail</identifier>\n            </componentInstance>\n        </itemInstances>';
    expect(await check({ [FLEXIPAGE]: flexipage(region) })).toEqual([]);
  });

  it('still accepts elements current schemas dropped (FlexiPage <componentInstances>)', async () => {
    const region = '        <componentInstances>\n            <componentName>force:detailPanel</componentName>\n        </componentInstances>';
    expect(await check({ [FLEXIPAGE]: flexipage(region) })).toEqual([]);
  });

  it('does not require what the platform defaults (CustomPermission <isLicensed>, ApexClass <status>)', async () => {
    const permission = `${DEFAULT}/customPermissions/Approve_Prices.customPermission-meta.xml`;
    const classMeta = `${DEFAULT}/classes/PropertyService.cls-meta.xml`;
    expect(
      await check({
        [permission]: '<?xml version="1.0" encoding="UTF-8"?>\n<CustomPermission xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Approve Prices</label>\n</CustomPermission>\n',
        [classMeta]: PROPERTY_PROJECT_FILES[classMeta]!.replace(/ *<status>.*\n/, ''),
      }),
    ).toEqual([]);
  });

  it('still requires what has always been required (ApexClass <apiVersion>)', async () => {
    const classMeta = `${DEFAULT}/classes/PropertyService.cls-meta.xml`;
    expect(await check({ [classMeta]: PROPERTY_PROJECT_FILES[classMeta]!.replace(/ *<apiVersion>.*\n/, '') })).toEqual([
      expect.objectContaining({ file: classMeta, message: 'ApexClass <ApexClass> is missing the required element <apiVersion>' }),
    ]);
  });

  it('accepts the Tooling API namespace the VS Code extensions write', async () => {
    const classMeta = `${DEFAULT}/classes/PropertyService.cls-meta.xml`;
    const xml = PROPERTY_PROJECT_FILES[classMeta]!.replace('xmlns="http://soap.sforce.com/2006/04/metadata"', 'xmlns="urn:metadata.tooling.soap.sforce.com" fqn="PropertyService"');
    expect(await check({ [classMeta]: xml })).toEqual([]);
  });

  it('skips files .forceignore excludes', async () => {
    expect(await check({ '.forceignore': '**/permissionsets/**\n', [PERMSET]: '<PermissionSet><oops>' })).toEqual([]);
  });
});

describe('metadata-schema on seeded defects', () => {
  it('reports an unknown element at its line, with the element it was probably meant to be', async () => {
    const xml = PRICE_FIELD.replace('<label>Price</label>', '<lable>Price</lable>');
    expect(await check({ [PRICE]: xml })).toEqual([
      {
        check: 'metadata-schema',
        severity: 'error',
        file: PRICE,
        line: lineOf(xml, '<lable>'),
        column: 5,
        message: '<lable> is not an element of CustomField (did you mean <label>?)',
      },
    ]);
  });

  it('reports an unknown element inside a nested type', async () => {
    const file = `${OBJECTS}/Account/fields/Region__c.field-meta.xml`;
    const xml = PROPERTY_PROJECT_FILES[file]!.replace('<sorted>false</sorted>', '<sorted>false</sorted>\n            <colour>red</colour>');
    const [finding, ...rest] = await check({ [file]: xml });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ file, line: lineOf(xml, '<colour>'), message: '<colour> is not an element of ValueSetValuesDefinition' });
  });

  it('reports a missing required element at the element that lacks it', async () => {
    const xml = PERMISSION_SET.replace(/ *<label>.*\n/, '');
    expect(await check({ [PERMSET]: xml })).toEqual([
      expect.objectContaining({ file: PERMSET, line: 2, column: 1, message: 'PermissionSet <PermissionSet> is missing the required element <label>' }),
    ]);
  });

  it('reports a missing required element of a nested type', async () => {
    const xml = PERMISSION_SET.replace(/ *<field>.*\n/, '');
    expect(await check({ [PERMSET]: xml })).toEqual([
      expect.objectContaining({ line: lineOf(xml, '<fieldPermissions>'), message: 'PermissionSetFieldPermissions <fieldPermissions> is missing the required element <field>' }),
    ]);
  });

  it('reports a boolean that is not true or false', async () => {
    const xml = PRICE_FIELD.replace('<externalId>false</externalId>', '<externalId>yes</externalId>');
    expect(await check({ [PRICE]: xml })).toEqual([
      expect.objectContaining({ file: PRICE, line: lineOf(xml, '<externalId>'), message: '<externalId> must be true or false, not "yes"' }),
    ]);
  });

  it('reports a number that is not numeric', async () => {
    const xml = PRICE_FIELD.replace('<precision>18</precision>', '<precision>eighteen</precision>');
    expect(await check({ [PRICE]: xml })).toEqual([
      expect.objectContaining({ line: lineOf(xml, '<precision>'), message: '<precision> must be a number, not "eighteen"' }),
    ]);
  });

  it('checks a custom metadata value against the xsd type it declares', async () => {
    const file = `${DEFAULT}/customMetadata/Listing_Setting.Default.md-meta.xml`;
    const xml = PROPERTY_PROJECT_FILES[file]!.replace('>true</value>', '>maybe</value>');
    expect(await check({ [file]: xml })).toEqual([expect.objectContaining({ line: lineOf(xml, '<value '), message: '<value> must be true or false, not "maybe"' })]);
  });

  it('validates an element against the subtype its xsi:type selects', async () => {
    const file = `${OBJECTS}/Account/fields/Region__c.field-meta.xml`;
    const base = PROPERTY_PROJECT_FILES[file]!.replace('<CustomField xmlns', '<CustomField xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns');
    // <closed> belongs to StandardValue (a CustomValue subtype), not to CustomValue itself.
    const plain = base.replace('<label>West</label>', '<label>West</label>\n                <closed>true</closed>');
    const typed = plain.replace('<value>\n                <fullName>West', '<value xsi:type="StandardValue">\n                <fullName>West');
    expect(await check({ [file]: plain })).toEqual([expect.objectContaining({ message: '<closed> is not an element of CustomValue' })]);
    expect(await check({ [file]: typed })).toEqual([]);
  });

  it('reports malformed XML with the position saxes gives', async () => {
    const xml = PRICE_FIELD.replace('<label>Price</label>', '<label>Price</labl>');
    expect(await check({ [PRICE]: xml })).toEqual([
      expect.objectContaining({ file: PRICE, line: lineOf(xml, '</labl>'), message: expect.stringMatching(/^malformed XML: /) }),
    ]);
  });

  it('rejects a DOCTYPE outright, without expanding a billion laughs', async () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE CustomField [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><label>&lol9;</label></CustomField>\n`;
    const started = performance.now();
    expect(await check({ [PRICE]: xml })).toEqual([
      { check: 'metadata-schema', severity: 'error', file: PRICE, line: 2, column: 1, message: 'DOCTYPE is not allowed in metadata' },
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('reports a root element that does not match the file suffix', async () => {
    const xml = PRICE_FIELD.replaceAll('CustomField', 'CustomObject');
    expect(await check({ [PRICE]: xml })).toEqual([
      expect.objectContaining({ line: 2, message: '<CustomObject> is the root element, but this file holds a CustomField: expected <CustomField>' }),
    ]);
  });

  it('reports a root element that is no metadata type at all', async () => {
    const file = `${DEFAULT}/classes/PropertyService.cls-meta.xml`;
    const xml = PROPERTY_PROJECT_FILES[file]!.replaceAll('ApexClass', 'ApexKlass');
    expect(await check({ [file]: xml })).toEqual([
      expect.objectContaining({ file, message: '<ApexKlass> (not a metadata type) is the root element, but this file holds a ApexClass: expected <ApexClass>' }),
    ]);
  });

  it('expects <XSettings> in X.settings-meta.xml', async () => {
    const file = `${DEFAULT}/settings/Account.settings-meta.xml`;
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<AccountSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n    <enableAccountTeams>true</enableAccountTeams>\n</AccountSettings>\n';
    expect(await check({ [file]: xml })).toEqual([]);
    expect(await check({ [file]: xml.replaceAll('AccountSettings', 'CaseSettings') })).toEqual([
      expect.objectContaining({ file, message: expect.stringContaining('expected <AccountSettings>') }),
    ]);
  });
});
