/**
 * A small valid project for the metadata-schema and field-references checks: two custom objects
 * joined by a lookup, custom fields on Account, an Apex class and a trigger that reference them
 * every way the field-references check reads (SOQL, tokens, constructors, typed variables), an
 * LWC importing @salesforce/schema, a permission set and a custom metadata record. Tests replace
 * one file at a time to seed a defect.
 */

export const DEFAULT = 'force-app/main/default';
export const OBJECTS = `${DEFAULT}/objects`;
export const CLASS_FILE = `${DEFAULT}/classes/PropertyService.cls`;
export const TRIGGER_FILE = `${DEFAULT}/triggers/PropertyTrigger.trigger`;
export const LWC_FILE = `${DEFAULT}/lwc/propertyCard/propertyCard.js`;

const XML = '<?xml version="1.0" encoding="UTF-8" ?>';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function customObject(label: string, plural: string): string {
  return `${XML}
<CustomObject ${NS}>
    <deploymentStatus>Deployed</deploymentStatus>
    <label>${label}</label>
    <nameField>
        <label>${label} Name</label>
        <type>Text</type>
    </nameField>
    <pluralLabel>${plural}</pluralLabel>
    <sharingModel>ReadWrite</sharingModel>
</CustomObject>
`;
}

export function apexMeta(root: 'ApexClass' | 'ApexTrigger'): string {
  return `${XML}
<${root} ${NS}>
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</${root}>
`;
}

export const PRICE_FIELD = `${XML}
<CustomField ${NS}>
    <fullName>Price__c</fullName>
    <externalId>false</externalId>
    <label>Price</label>
    <precision>18</precision>
    <required>false</required>
    <scale>2</scale>
    <type>Currency</type>
</CustomField>
`;

export const PERMISSION_SET = `${XML}
<PermissionSet ${NS}>
    <description>Lets property managers edit prices.</description>
    <fieldPermissions>
        <editable>true</editable>
        <field>Property__c.Price__c</field>
        <readable>true</readable>
    </fieldPermissions>
    <hasActivationRequired>false</hasActivationRequired>
    <label>Property Manager</label>
</PermissionSet>
`;

export const CLASS_SOURCE = `/**
 * Reads and prices properties; exercises every kind of field reference.
 */
public with sharing class PropertyService {
    private Property__c lastProperty;
    public Account owner { get; set; }

    public List<Property__c> expensive(Decimal minimum) {
        List<Property__c> found = [
            SELECT Id, Name, Price__c, Broker__r.Phone__c, Broker__r.Name
            FROM Property__c
            WHERE Price__c > :minimum AND Broker__r.Phone__c != null
            ORDER BY Price__c DESC
            LIMIT 10
        ];
        for (Property__c p : found) {
            lastProperty = p;
            p.Price__c = p.Price__c * 1.1;
        }
        return found;
    }

    public List<AggregateResult> totalsByBroker() {
        return [SELECT Broker__c, SUM(Price__c) total FROM Property__c GROUP BY Broker__c];
    }

    public List<Broker__c> brokersWithListings() {
        List<Broker__c> brokers = [SELECT Id, (SELECT Id, Price__c FROM Properties__r) FROM Broker__c];
        for (Broker__c b : brokers) {
            for (Property__c listing : b.Properties__r) {
                listing.Price__c = 0;
            }
        }
        return brokers;
    }

    public Account newAccount(String region) {
        Account a = new Account(Name = 'Acme', Region__c = region, External_Id__c = 'A-1');
        owner = a;
        String described = Schema.SObjectType.Account.fields.Region__c.getLabel();
        Schema.SObjectField token = Account.External_Id__c;
        Schema.SObjectField qualified = Schema.Account.Region__c;
        if (this.owner.Region__c == null && lastProperty?.Broker__r.Phone__c != null) {
            a.Region__c = described;
        }
        List<Account> same = [SELECT Id FROM Account WHERE Region__c = :a.Region__c];
        return a;
    }

    public void touch(Task t) {
        t.Property__c = lastProperty.Id;
    }
}
`;

export const TRIGGER_SOURCE = `trigger PropertyTrigger on Property__c (before insert, before update) {
    for (Property__c p : Trigger.new) {
        if (p.Price__c == null) {
            p.Price__c = 0;
        }
    }
    Trigger.new[0].Broker__c = null;
}
`;

export const LWC_SOURCE = `import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import PROPERTY_OBJECT from '@salesforce/schema/Property__c';
import PRICE_FIELD from '@salesforce/schema/Property__c.Price__c';
import BROKER_PHONE_FIELD from '@salesforce/schema/Property__c.Broker__r.Phone__c';
import REGION_FIELD from '@salesforce/schema/Contact.Account.Region__c';
import NAME_FIELD from '@salesforce/schema/Account.Name';
// import GONE_FIELD from '@salesforce/schema/Property__c.Gone__c';

export default class PropertyCard extends LightningElement {
    @api recordId;
    objectApiName = PROPERTY_OBJECT;

    @wire(getRecord, { recordId: '$recordId', fields: [PRICE_FIELD, BROKER_PHONE_FIELD, REGION_FIELD, NAME_FIELD] })
    property;
}
`;

export const PROPERTY_PROJECT_FILES: Record<string, string> = {
  [`${OBJECTS}/Property__c/Property__c.object-meta.xml`]: customObject('Property', 'Properties'),
  [`${OBJECTS}/Property__c/fields/Price__c.field-meta.xml`]: PRICE_FIELD,
  [`${OBJECTS}/Property__c/fields/Broker__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
    <fullName>Broker__c</fullName>
    <deleteConstraint>SetNull</deleteConstraint>
    <label>Broker</label>
    <referenceTo>Broker__c</referenceTo>
    <relationshipLabel>Properties</relationshipLabel>
    <relationshipName>Properties</relationshipName>
    <required>false</required>
    <type>Lookup</type>
</CustomField>
`,
  [`${OBJECTS}/Broker__c/Broker__c.object-meta.xml`]: customObject('Broker', 'Brokers'),
  [`${OBJECTS}/Broker__c/fields/Phone__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
    <fullName>Phone__c</fullName>
    <label>Phone</label>
    <required>false</required>
    <type>Phone</type>
</CustomField>
`,
  [`${OBJECTS}/Account/fields/Region__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
    <fullName>Region__c</fullName>
    <label>Region</label>
    <required>false</required>
    <type>Picklist</type>
    <valueSet>
        <restricted>true</restricted>
        <valueSetDefinition>
            <sorted>false</sorted>
            <value>
                <fullName>West</fullName>
                <default>false</default>
                <label>West</label>
            </value>
            <value>
                <fullName>East</fullName>
                <default>false</default>
                <label>East</label>
            </value>
        </valueSetDefinition>
    </valueSet>
</CustomField>
`,
  [`${OBJECTS}/Account/fields/External_Id__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
    <fullName>External_Id__c</fullName>
    <caseSensitive>false</caseSensitive>
    <externalId>true</externalId>
    <label>External Id</label>
    <length>40</length>
    <required>false</required>
    <type>Text</type>
    <unique>true</unique>
</CustomField>
`,
  // Task and Event custom fields live on Activity.
  [`${OBJECTS}/Activity/fields/Property__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
    <fullName>Property__c</fullName>
    <deleteConstraint>SetNull</deleteConstraint>
    <label>Property</label>
    <referenceTo>Property__c</referenceTo>
    <relationshipName>Activities</relationshipName>
    <type>Lookup</type>
</CustomField>
`,
  [`${OBJECTS}/Property__c/listViews/All.listView-meta.xml`]: `${XML}
<ListView ${NS}>
    <fullName>All</fullName>
    <filterScope>Everything</filterScope>
    <label>All</label>
</ListView>
`,
  [CLASS_FILE]: CLASS_SOURCE,
  [`${CLASS_FILE}-meta.xml`]: apexMeta('ApexClass'),
  [TRIGGER_FILE]: TRIGGER_SOURCE,
  [`${TRIGGER_FILE}-meta.xml`]: apexMeta('ApexTrigger'),
  [LWC_FILE]: LWC_SOURCE,
  [`${DEFAULT}/lwc/propertyCard/propertyCard.html`]: '<template></template>\n',
  [`${DEFAULT}/lwc/propertyCard/propertyCard.js-meta.xml`]: `${XML}
<LightningComponentBundle ${NS}>
    <apiVersion>65.0</apiVersion>
    <isExposed>true</isExposed>
    <targets>
        <target>lightning__RecordPage</target>
    </targets>
    <targetConfigs>
        <targetConfig targets="lightning__RecordPage">
            <objects>
                <object>Property__c</object>
            </objects>
        </targetConfig>
    </targetConfigs>
</LightningComponentBundle>
`,
  [`${DEFAULT}/permissionsets/Property_Manager.permissionset-meta.xml`]: PERMISSION_SET,
  [`${OBJECTS}/Listing_Setting__mdt/Listing_Setting__mdt.object-meta.xml`]: `${XML}
<CustomObject ${NS}>
    <label>Listing Setting</label>
    <pluralLabel>Listing Settings</pluralLabel>
    <visibility>Public</visibility>
</CustomObject>
`,
  [`${OBJECTS}/Listing_Setting__mdt/fields/Enabled__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
    <fullName>Enabled__c</fullName>
    <defaultValue>false</defaultValue>
    <label>Enabled</label>
    <type>Checkbox</type>
</CustomField>
`,
  [`${DEFAULT}/customMetadata/Listing_Setting.Default.md-meta.xml`]: `${XML}
<CustomMetadata ${NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>Default</label>
    <protected>false</protected>
    <values>
        <field>Enabled__c</field>
        <value xsi:type="xsd:boolean">true</value>
    </values>
</CustomMetadata>
`,
};
