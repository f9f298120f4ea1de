import type { MdapiComponent } from '@orgkit/checks/mdapi';
import type { XmlElement } from '@orgkit/checks/xml';
import { field, picklist, systemFields } from '../schema/fieldBuilders.js';
import type { ObjectDef } from '../schema/types.js';

/** The MatchingRuleStatus values of the Metadata API; a package may only declare Active or Inactive. */
const RULE_STATUSES = ['Inactive', 'Deactivating', 'DeactivationFailed', 'Active', 'Activating', 'ActivationFailed'];

/**
 * MatchingRule as the data API shows it (query and describe; API 33.0+), so a deploy script can
 * wait for `RuleStatus = 'Active'` before it activates a duplicate rule. The key prefix is the
 * mock's choice.
 */
export const MATCHING_RULE_OBJECT: ObjectDef = (() => {
  const fields = [
    ...systemFields({ owner: false }),
    // Unique, so the store indexes it: a redeploy finds and updates the rule by name.
    field('DeveloperName', 'string', { length: 80, unique: true }),
    field('MasterLabel', 'string', { length: 80 }),
    field('SobjectType', 'string', { length: 40 }),
    field('BooleanFilter', 'string', { length: 255 }),
    field('Description', 'textarea', { length: 1000 }),
    picklist('RuleStatus', RULE_STATUSES, { restrictedPicklist: true }),
  ];
  return { name: 'MatchingRule', label: 'Matching Rule', labelPlural: 'Matching Rules', keyPrefix: '0JD', custom: false, fields: new Map(fields.map((f) => [f.name.toLowerCase(), f])), childRelationships: [] };
})();

export interface DeployedMatchingRule {
  sobjectType: string;
  element: XmlElement;
}

/**
 * The matching rules a deployed component carries: every <matchingRules> of an object's
 * MatchingRules file, or the one MatchingRule child element a package names by itself.
 */
export function matchingRulesIn(c: MdapiComponent): DeployedMatchingRule[] {
  if (!c.element) return [];
  if (c.type === 'MatchingRules') return c.element.children.filter((e) => e.name === 'matchingRules').map((element) => ({ sobjectType: c.fullName, element }));
  if (c.type === 'MatchingRule') return [{ sobjectType: c.fullName.split('.')[0]!, element: c.element }];
  return [];
}
