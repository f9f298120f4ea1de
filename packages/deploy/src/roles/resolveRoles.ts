import path from 'node:path';
import type { SourceComponent } from '@salesforce/source-deploy-retrieve';
import { compilePattern } from './pattern.js';
import { ROLES, type Role, type RoleChoice, type RolesConfig } from './rolesConfig.js';

/** One deployable component and where it goes. */
export interface PlannedComponent {
  type: string;
  fullName: string;
  /** The file a person opens for it (the .cls, the -meta.xml, the bundle folder), relative to the project. */
  file: string;
  /** The roles whose org gets it (shared classes such as the DTOs go to both). */
  roles: Role[];
}

const matcher = (patterns: string[]) => {
  const compiled = patterns.map(compilePattern);
  return (type: string, name: string): boolean => compiled.some((m) => m(type, name));
};

/** Which roles a component belongs to: included by a role's patterns and not excluded by them. */
export function rolesOf(config: RolesConfig, type: string, fullName: string): Role[] {
  return ROLES.filter((role) => {
    const r = config.roles[role];
    return matcher(r.include)(type, fullName) && !matcher(r.exclude)(type, fullName);
  });
}

export const inChoice = (roles: Role[], choice: RoleChoice): boolean => (choice === 'all' ? roles.length > 0 : roles.includes(choice));

/** The file that stands for a component in tables: the code for Apex, else the metadata file. */
export function displayFile(component: SourceComponent, projectDir: string): string {
  const file = component.type.strategies?.adapter === 'matchingContentFile' && component.content ? component.content : (component.xml ?? component.content ?? '');
  return path.relative(projectDir, file).split(path.sep).join('/');
}

/** Every source component with its roles, sorted by type then name. */
export function assignRoles(components: SourceComponent[], config: RolesConfig, projectDir: string): { component: SourceComponent; planned: PlannedComponent }[] {
  return components
    .map((component) => ({
      component,
      planned: { type: component.type.name, fullName: component.fullName, file: displayFile(component, projectDir), roles: rolesOf(config, component.type.name, component.fullName) },
    }))
    .sort((a, b) => a.planned.type.localeCompare(b.planned.type) || a.planned.fullName.localeCompare(b.planned.fullName));
}

/** Whether deploying these components needs the SSO lockout check first. */
export function ssoComponentsIn(components: PlannedComponent[], config: RolesConfig): PlannedComponent[] {
  const isSso = matcher(config.ssoComponents);
  return components.filter((c) => isSso(c.type, c.fullName));
}
