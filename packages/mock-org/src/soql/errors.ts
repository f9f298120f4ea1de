import { SoqlError } from './types.js';

// Message texts follow what real orgs return (minus the "ERROR at Row:1:Column:n" excerpt
// Salesforce prefixes), so clients that match on them behave the same against the mock.

export function noSuchColumn(field: string, objectName: string): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    `No such column '${field}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unknownObject(name: string): SoqlError {
  return new SoqlError(
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unknownRelationship(name: string): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unknownChildRelationship(name: string): SoqlError {
  return new SoqlError(
    'INVALID_TYPE',
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** Something valid SOQL the mock does not emulate: refuse rather than answer wrongly. */
export function unsupported(what: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', `This query isn't supported by the mock org: ${what}`);
}

export function malformed(message: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', message);
}

export function unexpectedToken(token: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', `unexpected token: '${token}'`);
}
