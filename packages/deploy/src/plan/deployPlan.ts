import path from 'node:path';
import type { CheckName } from '@orgkit/checks';
import { resolveCheckContext } from '@orgkit/checks/project';
import { ComponentSet, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { DeployError } from '../deployError.js';
import { readSourceApiVersion } from '../project.js';
import { assignRoles, inChoice, ssoComponentsIn, type PlannedComponent } from '../roles/resolveRoles.js';
import { loadRolesConfig, type PostDeployConfig, type RoleChoice, type RolesConfig } from '../roles/rolesConfig.js';
import { duplicateRuleActivation, type DuplicateRuleActivation } from './duplicateRulePhase.js';

export interface Phase {
  number: 1 | 2;
  title: string;
  /** What this phase sends; phase 2 sends edited copies of committed files. */
  components: { type: string; fullName: string; file: string }[];
  /** Why the phase exists or how it waits, for the plan a person reads. */
  notes: string[];
}

/** What would go where: the output of `orgkit deploy --dry-run`, and the input of a deploy. */
export interface DeployPlan {
  projectDir: string;
  sourceDir: string;
  rolesFile: string;
  role: RoleChoice;
  /** sourceApiVersion: the connection and package.xml use it. */
  apiVersion: string;
  components: PlannedComponent[];
  /** Components in the source that no role takes (a gap in the roles config). */
  unassigned: PlannedComponent[];
  phases: Phase[];
  duplicateRuleActivations: DuplicateRuleActivation[];
  /** Components that make the SSO lockout check run before anything is sent. */
  ssoComponents: PlannedComponent[];
  postDeploy: PostDeployConfig;
}

export interface PlanOptions {
  /** Where to look for the project (default: the current directory). */
  cwd?: string;
  /** Package directory (default: the project's default one). */
  source?: string;
  role: RoleChoice;
  /** Roles config (default: deploy-roles.json at the project root). */
  rolesFile?: string;
  /** With checkOnly, phase 2 is not planned: nothing is committed, so no matching rule activates. */
  checkOnly?: boolean;
}

/** Internal: the plan plus the SDR components behind it. */
export interface ResolvedPlan {
  plan: DeployPlan;
  config: RolesConfig;
  sourceComponents: SourceComponent[];
  /** Used by preflight to keep only the check findings in files being deployed. */
  files: Set<string>;
  checks?: readonly CheckName[];
}

const walkFiles = (c: SourceComponent): string[] => [...(c.xml ? [c.xml] : []), ...c.walkContent(), ...c.getChildren().flatMap(walkFiles)];

export function resolvePlan(options: PlanOptions): ResolvedPlan {
  const ctx = resolveCheckContext({ cwd: options.cwd, source: options.source });
  const config = loadRolesConfig(options.rolesFile ? path.resolve(options.cwd ?? process.cwd(), options.rolesFile) : path.join(ctx.projectDir, 'deploy-roles.json'));
  const apiVersion = readSourceApiVersion(ctx.projectDir);
  const all = assignRoles(ComponentSet.fromSource(ctx.sourceDir).getSourceComponents().toArray(), config, ctx.projectDir);
  const chosen = all.filter((a) => inChoice(a.planned.roles, options.role));
  if (chosen.length === 0) throw new DeployError('NOTHING_TO_DEPLOY', `No component of ${path.relative(process.cwd(), ctx.sourceDir) || ctx.sourceDir} belongs to the ${options.role} role in ${config.file}: check its include patterns.`);
  const components = chosen.map((a) => a.planned);
  const activations = chosen
    .filter((a) => a.component.type.name === 'DuplicateRule' && a.component.xml)
    .map((a) => duplicateRuleActivation(a.component.fullName, a.component.xml!))
    .filter((d): d is DuplicateRuleActivation => d !== undefined);
  const phases: Phase[] = [{ number: 1, title: 'deploy the component set', components: components.map(({ type, fullName, file }) => ({ type, fullName, file })), notes: activations.length > 0 ? ['duplicate rules go as committed (inactive); matching rules go active'] : [] }];
  if (activations.length > 0 && !options.checkOnly) {
    phases.push({
      number: 2,
      title: 'activate duplicate rules',
      components: activations.map((d) => ({ type: 'DuplicateRule', fullName: d.fullName, file: path.relative(ctx.projectDir, d.xmlPath).split(path.sep).join('/') })),
      notes: [`waits until matching rule${activations.flatMap((d) => d.matchingRules).length === 1 ? '' : 's'} ${[...new Set(activations.flatMap((d) => d.matchingRules))].join(', ')} ${activations.flatMap((d) => d.matchingRules).length === 1 ? 'is' : 'are'} Active, then deploys a copy with <isActive>true</isActive> (docs/leads.md)`],
    });
  }
  const postDeploy = options.role === 'source' ? { customSettingDefaults: [], assignToDeployingUser: [], schedules: [] } : config.roles.target.postDeploy;
  const plan: DeployPlan = {
    projectDir: ctx.projectDir,
    sourceDir: ctx.sourceDir,
    rolesFile: config.file,
    role: options.role,
    apiVersion,
    components,
    unassigned: all.filter((a) => a.planned.roles.length === 0).map((a) => a.planned),
    phases,
    duplicateRuleActivations: activations,
    ssoComponents: ssoComponentsIn(components, config),
    postDeploy,
  };
  const files = new Set(chosen.flatMap((a) => walkFiles(a.component)).map((f) => path.relative(ctx.projectDir, f).split(path.sep).join('/')));
  return { plan, config, sourceComponents: chosen.map((a) => a.component), files };
}

/** What `--dry-run` prints: which component goes to which org, in which phase; no org needed. */
export function planDeploy(options: PlanOptions): DeployPlan {
  return resolvePlan(options).plan;
}
