import type { XmlElement } from '../xml/parseXml.js';

/**
 * One problem in a metadata-format package, in the shape of the Metadata API's DeployMessage so a
 * deploy can hand it back as a componentFailure: `fileName` is the path inside the package as
 * Salesforce reports it (with the package's root folder when it has one), lines are 1-based.
 */
export interface MdapiProblem {
  /** The package.xml type name (ApexClass, CustomField, Settings…); '' for problems of the package itself. */
  componentType: string;
  fullName: string;
  fileName: string;
  problem: string;
  problemType: 'Error' | 'Warning';
  lineNumber?: number;
  columnNumber?: number;
}

/** A component package.xml names and the package holds, ready to be applied. */
export interface MdapiComponent {
  /** The package.xml type name. */
  type: string;
  /** As package.xml names it: Hello, Account.Tier__c, Security. */
  fullName: string;
  /** The file Salesforce reports for it: the -meta.xml of a class, objects/Account.object for a field. */
  fileName: string;
  /** The text of its XML file (for a child type, the parent's whole file). */
  xml?: string;
  /** Its XML: the file's root element, or for a child type (CustomField) its element inside the parent's file. */
  element?: XmlElement;
  /** The body of a component with content (.cls, .trigger…), as text. */
  content?: string;
}

export interface MdapiPackageReport {
  /** True when there is no problem of type Error. */
  ok: boolean;
  /** '' or the single top-level folder holding package.xml, with a trailing slash ('zip/'). */
  root: string;
  /** package.xml `<version>`, when present. */
  version?: string;
  /** Every named component found in the package, in package.xml order. */
  components: MdapiComponent[];
  problems: MdapiProblem[];
}

/** A package's files by their path inside it (forward slashes, no leading slash). */
export type MdapiFiles = ReadonlyMap<string, Buffer>;
