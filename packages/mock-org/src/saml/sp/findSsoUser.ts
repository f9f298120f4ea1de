import { to18 } from '../../ids.js';
import type { OrgState } from '../../org.js';
import type { StoredRecord } from '../../soql/types.js';
import { SamlLoginFailure } from './samlFailure.js';
import type { SamlSsoConfig } from './samlSsoConfig.js';

const NOT_FOUND = {
  FederationId: 'Failed: Federation ID not found',
  Username: 'Failed: Username not found',
  UserId: 'Failed: User ID not found',
} as const;

/** The active user the assertion's identity maps to (Federation IDs match case-sensitively, as Salesforce's default). */
export function findSsoUser(org: OrgState, config: SamlSsoConfig, identity: string): StoredRecord {
  const matches = (user: StoredRecord): boolean => {
    switch (config.identityMapping) {
      case 'FederationId':
        return user.FederationIdentifier === identity;
      case 'Username':
        return typeof user.Username === 'string' && user.Username.toLowerCase() === identity.toLowerCase();
      case 'UserId':
        return user.Id === to18(identity);
    }
  };
  const user = [...org.store.scan('User', { includeDeleted: false })].find(matches);
  if (!user) throw new SamlLoginFailure(NOT_FOUND[config.identityMapping]);
  if (user.IsActive !== true) throw new SamlLoginFailure('Failed: User inactive', user.Id as string);
  return user;
}
