import type { RouteModule } from '../http/types.js';
import type { ApplyTarget } from './applyComponents.js';
import { deployResultOf } from './deployJob.js';
import { createDeployService } from './deployService.js';
import { executeAnonymousRoutes } from './executeAnonymous.js';
import { metadataRestRoutes } from './restRoutes.js';
import { metadataSoapRoutes } from './soapRoutes.js';
import type { DeployLog, MetadataApiConfig, MockOrgMetadata } from './types.js';

/**
 * The org's Metadata API deploy, as a route module: SOAP deploy / checkDeployStatus / cancelDeploy
 * / deployRecentValidation and the REST deployRequest resource, over one deploy queue; and the
 * Tooling API's executeAnonymous, which compiles (syntax only) and says plainly that nothing ran.
 */
export function createMetadataApi(target: ApplyTarget, config: MetadataApiConfig = {}, log?: DeployLog): { module: RouteModule; api: MockOrgMetadata; close(): void } {
  const service = createDeployService(target, config, log);
  const api: MockOrgMetadata = {
    deployments: () => service.jobs().map((j) => deployResultOf(j, true)),
    deployment(id) {
      const job = service.jobs().find((j) => j.id === id || j.id.slice(0, 15) === id);
      return job && deployResultOf(job, true);
    },
    components: service.components,
    settings: service.settings,
    settled: service.settled,
  };
  return { module: { name: 'metadata-api', routes: [...metadataSoapRoutes(service), ...metadataRestRoutes(service), ...executeAnonymousRoutes()] }, api, close: service.close };
}
