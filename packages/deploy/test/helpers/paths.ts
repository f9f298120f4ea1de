import { fileURLToPath } from 'node:url';

/** The repo root: its force-app and deploy-roles.json are what the role tests read. */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const ROLES_FILE = `${REPO}deploy-roles.json`;
