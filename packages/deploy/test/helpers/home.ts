import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * @salesforce/core writes auth files under the home folder and reads it when first loaded:
 * importing this module before anything that loads core keeps tests away from the real ~/.sfdx.
 */
export const home = mkdtempSync(path.join(os.tmpdir(), 'deploy-test-home-'));
process.env.HOME = home;
process.env.USERPROFILE = home;
process.env.SF_DISABLE_DNS_CHECK = 'true';
process.env.SF_DISABLE_LOG_FILE = 'true';
process.env.SF_DISABLE_TELEMETRY = 'true';
