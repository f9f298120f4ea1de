import { closestMatch } from '../text/closestMatch.js';
import { XSI_NAMESPACE, type XmlElement } from '../xml/parseXml.js';
import { isScalar, isSchemaType, propsOf, type PropSpec, type ScalarType } from './apiSchemas.js';

export interface SchemaProblem {
  line: number;
  column: number;
  message: string;
}

/** XML Schema's own types as they appear in `xsi:type="xsd:…"` (custom metadata record values). */
const XSD_SCALARS: Readonly<Record<string, ScalarType>> = {
  string: 'string',
  date: 'string',
  dateTime: 'string',
  time: 'string',
  boolean: 'boolean',
  double: 'number',
  decimal: 'number',
  int: 'number',
  long: 'number',
};

/**
 * The type an element declares for itself with `xsi:type`: a metadata type the schemas know
 * (`xsi:type="FlowScreen"` selects a subtype) or an XSD scalar (`xsi:type="xsd:boolean"` on a
 * custom metadata <value>, which the schema types as anything).
 */
function declaredType(element: XmlElement): string | undefined {
  const attr = Object.values(element.attributes).find((a) => a.uri === XSI_NAMESPACE && a.local === 'type');
  const name = attr?.value.split(':').at(-1);
  if (!name) return undefined;
  return isSchemaType(name) ? name : XSD_SCALARS[name];
}

function isNil(element: XmlElement): boolean {
  return Object.values(element.attributes).some((a) => a.uri === XSI_NAMESPACE && a.local === 'nil' && a.value.trim() === 'true');
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function checkScalar(element: XmlElement, type: ScalarType, problems: SchemaProblem[]): void {
  const at = { line: element.line, column: element.column };
  if (element.children.length > 0) {
    problems.push({ ...at, message: `<${element.name}> must hold a ${type} value, not elements` });
    return;
  }
  const value = element.text.trim();
  // xsd:boolean would also take 1/0, but Salesforce writes and documents only true/false.
  if (type === 'boolean' && value !== 'true' && value !== 'false') {
    problems.push({ ...at, message: `<${element.name}> must be true or false, not "${value}"` });
  } else if (type === 'number' && !NUMBER.test(value)) {
    problems.push({ ...at, message: `<${element.name}> must be a number, not "${value}"` });
  }
}

function checkValue(element: XmlElement, prop: PropSpec, problems: SchemaProblem[]): void {
  if (isNil(element)) return;
  const type = declaredType(element) ?? prop.type;
  if (type === 'any') return;
  if (isScalar(type)) {
    checkScalar(element, type, problems);
    return;
  }
  if (element.children.length === 0 && element.text.trim() !== '') {
    problems.push({ line: element.line, column: element.column, message: `<${element.name}> must hold ${type} elements, not text` });
    return;
  }
  validateElement(element, type, problems);
}

/**
 * Checks `element` against the metadata type `typeName`, recursively: unknown child elements,
 * missing required ones, and scalar values of the wrong type. A type no schema describes is not
 * checked (nothing to check against).
 */
export function validateElement(element: XmlElement, typeName: string, problems: SchemaProblem[] = []): SchemaProblem[] {
  const props = propsOf(typeName);
  if (!props) return problems;
  const present = new Set<string>();
  for (const child of element.children) {
    const prop = props.get(child.name);
    if (!prop) {
      const suggestion = closestMatch(child.name, props.keys());
      const hint = suggestion ? ` (did you mean <${suggestion}>?)` : '';
      problems.push({ line: child.line, column: child.column, message: `<${child.name}> is not an element of ${typeName}${hint}` });
      continue;
    }
    present.add(child.name);
    checkValue(child, prop, problems);
  }
  // Source format needs no exceptions here: what it moves out of the XML is optional in the
  // WSDL already — `fullName` (taken from the file name) is `?string` on Metadata, `content`
  // (the .cls/.page/… beside the XML) is `?string` on MetadataWithContent — or repeated
  // (CustomObject fields, record types, list views in their own files; Workflow, SharingRules
  // and CustomLabels children), and repeated elements are never required.
  for (const prop of props.values()) {
    if (prop.required && !present.has(prop.name)) {
      problems.push({ line: element.line, column: element.column, message: `${typeName} <${element.name}> is missing the required element <${prop.name}>` });
    }
  }
  return problems;
}
