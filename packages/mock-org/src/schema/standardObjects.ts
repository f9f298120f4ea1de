import { field, picklist, reference, systemFields } from './fieldBuilders.js';
import type { ChildRelationshipDef, FieldDef } from './types.js';

/** A standard object before it is merged with the project's custom fields. */
export interface StandardObjectSpec {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
  childRelationships: ChildRelationshipDef[];
}

const addressFields = (prefix: string): FieldDef[] =>
  ['Street', 'City', 'State', 'PostalCode', 'Country'].map((part) =>
    field(`${prefix}${part}`, part === 'Street' ? 'textarea' : 'string', { length: part === 'Street' ? 255 : part === 'PostalCode' ? 20 : 80 }),
  );

const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted', 'Converted'];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRIES = ['Agriculture', 'Banking', 'Chemicals', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Finance', 'Healthcare', 'Insurance', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other'];
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];

const object = (name: string, keyPrefix: string, fields: FieldDef[], childRelationships: ChildRelationshipDef[] = [], labelPlural = `${name}s`): StandardObjectSpec => ({
  name,
  label: name.replace(/([a-z])([A-Z])/g, '$1 $2'),
  labelPlural,
  keyPrefix,
  fields,
  childRelationships,
});

/**
 * The standard objects the project touches, with their real key prefixes and the fields code
 * in force-app and the tools read. Not every field the real org has: add them as they are needed.
 */
export const STANDARD_OBJECTS: StandardObjectSpec[] = [
  object('Organization', '00D', [
    ...systemFields({ owner: false }),
    field('Name', 'string', { length: 80, required: true, label: 'Name' }),
    field('OrganizationType', 'string', { readOnly: true }),
    field('InstanceName', 'string', { readOnly: true }),
    field('IsSandbox', 'boolean', { readOnly: true, defaultValue: false }),
    field('NamespacePrefix', 'string', { readOnly: true, length: 15 }),
    // Null outside scratch orgs; @salesforce/core selects it to tell a scratch org from a sandbox.
    field('TrialExpirationDate', 'datetime', { readOnly: true }),
    field('TimeZoneSidKey', 'string', { length: 40 }),
    field('LanguageLocaleKey', 'string', { length: 40 }),
    field('DefaultLocaleSidKey', 'string', { length: 40 }),
  ], [], 'Organizations'),
  object('Profile', '00e', [
    ...systemFields({ owner: false }),
    field('Name', 'string', { required: true }),
    field('UserType', 'string', { length: 40 }),
    field('Description', 'string'),
    // User permissions the SSO checks read: who is held to SSO, who is an administrator.
    field('PermissionsIsSsoEnabled', 'boolean', { defaultValue: false }),
    field('PermissionsModifyAllData', 'boolean', { defaultValue: false }),
  ], [{ relationshipName: 'Users', childSObject: 'User', field: 'ProfileId' }]),
  object('User', '005', [
    ...systemFields({ owner: false }),
    field('Username', 'string', { length: 80, required: true, unique: true }),
    field('Name', 'string', { length: 121, readOnly: true, label: 'Full Name' }),
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { length: 80, required: true }),
    field('Email', 'email', { length: 128, required: true }),
    field('Alias', 'string', { length: 8, required: true }),
    field('CommunityNickname', 'string', { length: 40 }),
    field('FederationIdentifier', 'string', { length: 512 }),
    field('IsActive', 'boolean', { defaultValue: true, label: 'Active' }),
    reference('ProfileId', ['Profile'], 'Profile', { required: true }),
    reference('ManagerId', ['User'], 'Manager'),
    picklist('UserType', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest', 'AutomatedProcess'], { readOnly: true }),
    field('TimeZoneSidKey', 'string', { length: 40, required: true, defaultValue: 'America/Los_Angeles' }),
    field('LocaleSidKey', 'string', { length: 40, required: true, defaultValue: 'en_US' }),
    field('LanguageLocaleKey', 'string', { length: 40, required: true, defaultValue: 'en_US' }),
    field('EmailEncodingKey', 'string', { length: 40, required: true, defaultValue: 'UTF-8' }),
    field('LastLoginDate', 'datetime', { readOnly: true }),
  ], [{ relationshipName: 'PermissionSetAssignments', childSObject: 'PermissionSetAssignment', field: 'AssigneeId' }]),
  object('PermissionSet', '0PS', [
    ...systemFields({ owner: false }),
    field('Name', 'string', { length: 80, required: true, unique: true }),
    field('Label', 'string', { length: 80, required: true }),
    field('Description', 'textarea'),
    field('IsOwnedByProfile', 'boolean', { readOnly: true, defaultValue: false }),
    field('NamespacePrefix', 'string', { readOnly: true, length: 15 }),
    field('PermissionsIsSsoEnabled', 'boolean', { defaultValue: false }),
    field('PermissionsModifyAllData', 'boolean', { defaultValue: false }),
  ], [{ relationshipName: 'Assignments', childSObject: 'PermissionSetAssignment', field: 'PermissionSetId' }]),
  object('PermissionSetAssignment', '0Pa', [
    ...systemFields({ owner: false }),
    reference('AssigneeId', ['User'], 'Assignee', { required: true }),
    reference('PermissionSetId', ['PermissionSet'], 'PermissionSet', { required: true }),
  ]),
  object('Group', '00G', [
    ...systemFields({ owner: true }),
    field('Name', 'string', { length: 40, required: true }),
    field('DeveloperName', 'string', { length: 80 }),
    picklist('Type', ['Regular', 'Queue', 'Role', 'Organization'], { restrictedPicklist: true, defaultValue: 'Regular' }),
    field('Email', 'email'),
  ]),
  object('Account', '001', [
    ...systemFields({ owner: true, ownerTo: ['User'] }),
    field('Name', 'string', { required: true, label: 'Account Name' }),
    field('AccountNumber', 'string', { length: 40 }),
    field('Website', 'url'),
    picklist('Industry', INDUSTRIES),
    picklist('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'], { label: 'Account Type' }),
    field('Phone', 'phone'),
    field('Fax', 'phone'),
    field('Description', 'textarea', { length: 32000 }),
    field('NumberOfEmployees', 'int', { precision: 8, scale: 0, label: 'Employees' }),
    field('AnnualRevenue', 'currency', { precision: 18, scale: 0 }),
    reference('ParentId', ['Account'], 'Parent'),
    ...addressFields('Billing'),
    ...addressFields('Shipping'),
  ], [
    { relationshipName: 'Contacts', childSObject: 'Contact', field: 'AccountId' },
    { relationshipName: 'Opportunities', childSObject: 'Opportunity', field: 'AccountId' },
    { relationshipName: 'Cases', childSObject: 'Case', field: 'AccountId' },
    { relationshipName: 'ChildAccounts', childSObject: 'Account', field: 'ParentId' },
  ]),
  object('Contact', '003', [
    ...systemFields({ owner: true, ownerTo: ['User'] }),
    reference('AccountId', ['Account'], 'Account'),
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { length: 80, required: true }),
    field('Name', 'string', { length: 121, readOnly: true, label: 'Full Name' }),
    field('Email', 'email'),
    field('Phone', 'phone'),
    field('MobilePhone', 'phone'),
    field('Title', 'string', { length: 128 }),
    picklist('LeadSource', LEAD_SOURCES),
    ...addressFields('Mailing'),
  ], [{ relationshipName: 'Cases', childSObject: 'Case', field: 'ContactId' }]),
  object('Lead', '00Q', [
    ...systemFields({ owner: true }),
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { length: 80, required: true }),
    field('Name', 'string', { length: 121, readOnly: true, label: 'Full Name' }),
    field('Company', 'string', { required: true }),
    field('Email', 'email'),
    field('Phone', 'phone'),
    field('Title', 'string', { length: 128 }),
    field('Website', 'url'),
    picklist('Status', LEAD_STATUSES, { required: true, defaultValue: 'Open - Not Contacted', label: 'Lead Status' }),
    picklist('LeadSource', LEAD_SOURCES),
    picklist('Industry', INDUSTRIES),
    picklist('Rating', ['Hot', 'Warm', 'Cold']),
    field('IsConverted', 'boolean', { readOnly: true, defaultValue: false, label: 'Converted' }),
    field('ConvertedDate', 'date', { readOnly: true }),
    reference('ConvertedAccountId', ['Account'], 'ConvertedAccount', { readOnly: true }),
    reference('ConvertedContactId', ['Contact'], 'ConvertedContact', { readOnly: true }),
    reference('ConvertedOpportunityId', ['Opportunity'], 'ConvertedOpportunity', { readOnly: true }),
    field('NumberOfEmployees', 'int', { precision: 8, scale: 0 }),
    field('AnnualRevenue', 'currency', { precision: 18, scale: 0 }),
    ...addressFields(''),
  ]),
  object('Opportunity', '006', [
    ...systemFields({ owner: true, ownerTo: ['User'] }),
    field('Name', 'string', { length: 120, required: true }),
    reference('AccountId', ['Account'], 'Account'),
    picklist('StageName', STAGES, { required: true, restrictedPicklist: true, label: 'Stage' }),
    field('CloseDate', 'date', { required: true }),
    field('Amount', 'currency', { precision: 18, scale: 2 }),
    field('Probability', 'percent', { precision: 3, scale: 0 }),
    field('IsClosed', 'boolean', { readOnly: true, defaultValue: false }),
    field('IsWon', 'boolean', { readOnly: true, defaultValue: false }),
    picklist('LeadSource', LEAD_SOURCES),
    field('Description', 'textarea', { length: 32000 }),
  ], [], 'Opportunities'),
  object('Case', '500', [
    ...systemFields({ owner: true }),
    field('CaseNumber', 'string', { length: 30, readOnly: true }),
    field('Subject', 'string'),
    field('Description', 'textarea', { length: 32000 }),
    reference('AccountId', ['Account'], 'Account'),
    reference('ContactId', ['Contact'], 'Contact'),
    picklist('Status', ['New', 'Working', 'Escalated', 'Closed'], { defaultValue: 'New' }),
    picklist('Priority', ['High', 'Medium', 'Low'], { defaultValue: 'Medium' }),
    picklist('Origin', ['Phone', 'Email', 'Web']),
    field('IsClosed', 'boolean', { readOnly: true, defaultValue: false }),
  ]),
  object('Task', '00T', [
    ...systemFields({ owner: true }),
    field('Subject', 'string'),
    picklist('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], { required: true, defaultValue: 'Not Started' }),
    picklist('Priority', ['High', 'Normal', 'Low'], { required: true, defaultValue: 'Normal' }),
    field('ActivityDate', 'date', { label: 'Due Date Only' }),
    field('Description', 'textarea', { length: 32000 }),
    reference('WhoId', ['Contact', 'Lead'], 'Who'),
    reference('WhatId', ['Account', 'Opportunity', 'Case'], 'What'),
    field('IsClosed', 'boolean', { readOnly: true, defaultValue: false }),
  ]),
  // What Setup's Single Sign-On Settings hold: queryable as in a real org (the SOAP API object).
  object('SamlSsoConfig', '0LE', [
    ...systemFields({ owner: false }),
    field('DeveloperName', 'string', { length: 80, required: true, unique: true }),
    field('MasterLabel', 'string', { length: 80, required: true }),
    field('Issuer', 'string', { length: 255 }),
    field('Audience', 'string', { length: 255 }),
    field('LoginUrl', 'string', { length: 1500 }),
    field('IdentityMapping', 'string', { length: 255 }),
    field('IdentityLocation', 'string', { length: 255 }),
    field('AttributeName', 'string', { length: 255 }),
    field('ValidationCert', 'textarea', { length: 4000 }),
  ], [], 'SAML Single Sign-On Setting'),
  // Scheduled Apex as SOQL sees it (`SELECT Id FROM CronTrigger WHERE CronJobDetail.Name = …`). The
  // mock runs no Apex, so nothing ever schedules a job: both stay empty unless a test inserts rows.
  object('CronJobDetail', '08a', [
    field('Id', 'id', { readOnly: true }),
    field('Name', 'string', { length: 64 }),
    // A one-character code ('7' is scheduled Apex); kept as text rather than a guessed value list.
    field('JobType', 'string', { length: 1 }),
  ], [{ relationshipName: 'CronTriggers', childSObject: 'CronTrigger', field: 'CronJobDetailId' }], 'Cron Job Details'),
  object('CronTrigger', '08e', [
    ...systemFields({ owner: true }),
    reference('CronJobDetailId', ['CronJobDetail'], 'CronJobDetail'),
    field('CronExpression', 'string', { length: 255 }),
    picklist('State', ['WAITING', 'ACQUIRED', 'EXECUTING', 'COMPLETE', 'ERROR', 'DELETED', 'PAUSED', 'BLOCKED', 'PAUSED_BLOCKED']),
    field('NextFireTime', 'datetime'),
    field('PreviousFireTime', 'datetime'),
    field('StartTime', 'datetime'),
    field('EndTime', 'datetime'),
    field('TimeZoneSidKey', 'string', { length: 40 }),
    field('TimesTriggered', 'int', { precision: 9, scale: 0 }),
  ]),
  object('LoginHistory', '0Ya', [
    field('Id', 'id', { readOnly: true }),
    reference('UserId', ['User'], 'User', { readOnly: true }),
    field('LoginTime', 'datetime', { readOnly: true }),
    field('LoginType', 'string', { readOnly: true, length: 40 }),
    field('SourceIp', 'string', { readOnly: true, length: 39 }),
    field('Status', 'string', { readOnly: true, length: 128 }),
    field('Application', 'string', { readOnly: true, length: 64 }),
    field('Browser', 'string', { readOnly: true, length: 64 }),
    field('Platform', 'string', { readOnly: true, length: 64 }),
    field('LoginUrl', 'string', { readOnly: true }),
  ], [], 'Login History'),
];
