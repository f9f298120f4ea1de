import { readFileSync } from 'node:fs';
import { parseXml, type XmlElement } from '@orgkit/checks/xml';

/** A duplicate rule committed inactive that phase 2 activates once its matching rules are Active. */
export interface DuplicateRuleActivation {
  /** `Lead.Lead_Duplicate_Rule` */
  fullName: string;
  /** Absolute path of the committed (inactive) file. */
  xmlPath: string;
  /** DeveloperNames of the matching rules it uses, which must be Active first. */
  matchingRules: string[];
}

const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);

/**
 * docs/leads.md "Duplicate rule: two phases": a matching rule activates asynchronously after a
 * deploy, and a duplicate rule deployed active alongside it fails ("all associated matching rules
 * must be active"). So a duplicate rule committed inactive that names matching rules is activated
 * in a second phase. Returns undefined for an active rule (one phase is enough) or a file that
 * does not parse (the preflight checks report it).
 */
export function duplicateRuleActivation(fullName: string, xmlPath: string): DuplicateRuleActivation | undefined {
  const parsed = parseXml(readFileSync(xmlPath, 'utf8'));
  if (!parsed.ok) return undefined;
  if (child(parsed.root, 'isActive')?.text.trim() !== 'false') return undefined;
  const matchingRules = parsed.root.children
    .filter((c) => c.name === 'duplicateRuleMatchRules')
    .map((c) => child(c, 'matchingRule')?.text.trim())
    .filter((name): name is string => Boolean(name));
  return matchingRules.length > 0 ? { fullName, xmlPath, matchingRules } : undefined;
}

/** The committed file's text with the rule switched on: only the top-level isActive changes. */
export function activatedDuplicateRuleXml(text: string): string {
  const next = text.replace(/(<DuplicateRule\b[\s\S]*?)<isActive>\s*false\s*<\/isActive>/, '$1<isActive>true</isActive>');
  if (next === text) throw new Error('the duplicate rule has no <isActive>false</isActive> to switch on');
  return next;
}
