import type { DeployPlan } from '@orgkit/deploy';
import { paint } from '../output.js';

/** The dry run: each component with its type, name, file and roles, then the phases. */
export function renderDeployPlan(plan: DeployPlan): string {
  const rows = plan.components.map((c) => [c.type, c.fullName, c.file, c.roles.join('+')]);
  const header = ['TYPE', 'NAME', 'FILE', 'ROLES'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const lines = [paint('bold', `Deploy plan: role ${plan.role}, API ${plan.apiVersion}, ${plan.components.length} component${plan.components.length === 1 ? '' : 's'} (roles from ${plan.rolesFile})`), '', line(header), ...rows.map(line), ''];
  for (const phase of plan.phases) {
    lines.push(paint('bold', `Phase ${phase.number}: ${phase.title} (${phase.components.length} component${phase.components.length === 1 ? '' : 's'})`));
    if (phase.number === 2) for (const c of phase.components) lines.push(`  ${c.type} ${c.fullName}  ${c.file}`);
    for (const note of phase.notes) lines.push(`  ${note}`);
  }
  if (plan.ssoComponents.length > 0) lines.push('', `SSO lockout check before sending: the set has ${plan.ssoComponents.map((c) => `${c.type}:${c.fullName}`).join(', ')}`);
  const post = plan.postDeploy;
  const steps = [...post.customSettingDefaults.map((s) => `org default of ${s.object} if missing`), ...post.assignToDeployingUser.map((p) => `assign ${p} to the deploying user if missing`), ...post.schedules.map((s) => `schedule "${s.jobName}" if not scheduled`)];
  if (steps.length > 0) lines.push('', paint('bold', 'After deploy'), ...steps.map((s) => `  ${s}`));
  if (plan.unassigned.length > 0) lines.push('', paint('yellow', `Not in any role (not deployed): ${plan.unassigned.map((c) => `${c.type}:${c.fullName}`).join(', ')}`));
  return lines.join('\n');
}
