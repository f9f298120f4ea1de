import { parseXml, type XmlElement } from '@orgkit/checks/xml';
import type { RouteResponse } from '../http/types.js';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A JS value as SOAP elements: arrays repeat the element, objects nest, undefined is left out, null is xsi:nil. */
export function toXml(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value === null) return `<${name} xsi:nil="true"/>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => toXml(k, v)).join('')}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_NS}" xmlns="${METADATA_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const XML_HEADERS = { 'content-type': 'text/xml;charset=UTF-8' };

/** `<{operation}Response><result>…</result></…>`, as every Metadata API call answers. */
export function soapResult(operation: string, result: unknown): RouteResponse {
  return { status: 200, raw: envelope(`<${operation}Response>${toXml('result', result)}</${operation}Response>`), headers: XML_HEADERS };
}

/** A SOAP fault as Salesforce sends it: HTTP 500, `faultcode` sf:CODE, `faultstring` "CODE: message". */
export class SoapFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** 'Client' faults (bad envelopes) use the soapenv namespace instead of sf. */
    readonly namespace: 'sf' | 'soapenv' = 'sf',
  ) {
    super(message);
    this.name = 'SoapFault';
  }
}

export function soapFault(fault: SoapFault): RouteResponse {
  const faultstring = fault.namespace === 'sf' ? `${fault.code}: ${fault.message}` : fault.message;
  const body = `<soapenv:Fault><faultcode>${fault.namespace}:${escape(fault.code)}</faultcode><faultstring>${escape(faultstring)}</faultstring></soapenv:Fault>`;
  return { status: 500, raw: envelope(body).replace(`xmlns="${METADATA_NS}"`, `xmlns:sf="${METADATA_NS}"`), headers: XML_HEADERS };
}

/** One Metadata API call: the session it names and the operation element with its arguments. */
export interface SoapCall {
  sessionId: string | undefined;
  operation: string;
  args: XmlElement;
}

const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
export const argText = (el: XmlElement, name: string): string | undefined => child(el, name)?.text.trim();

/** Reads a request envelope with the safe parser (DOCTYPE refused); anything else is a Client fault. */
export function parseSoapCall(raw: Buffer): SoapCall {
  const parsed = parseXml(raw.toString('utf8'));
  if (!parsed.ok) throw new SoapFault('Client', `Could not parse the SOAP request: ${parsed.problem.message} (line ${parsed.problem.line})`, 'soapenv');
  const root = parsed.root;
  if (root.name !== 'Envelope' || root.uri !== SOAP_NS) throw new SoapFault('Client', 'The request is not a SOAP 1.1 envelope: send a soapenv:Envelope.', 'soapenv');
  const operation = child(root, 'Body')?.children[0];
  if (!operation) throw new SoapFault('Client', 'The SOAP body names no operation.', 'soapenv');
  const sessionHeader = child(child(root, 'Header'), 'SessionHeader');
  const sessionId = sessionHeader ? argText(sessionHeader, 'sessionId') : undefined;
  return { sessionId, operation: operation.name, args: operation };
}
