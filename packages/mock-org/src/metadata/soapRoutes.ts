import type { RequestContext, Route, RouteResponse } from '../http/types.js';
import { deployResultOf } from './deployJob.js';
import { DeployOptionsError, deployOptionsFromXml } from './deployOptions.js';
import { MetadataCallError, type DeployService } from './deployService.js';
import { argText, parseSoapCall, soapFault, soapResult, SoapFault, METADATA_NS } from './soapXml.js';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

async function call(ctx: RequestContext, service: DeployService): Promise<RouteResponse> {
  const { sessionId, operation, args } = parseSoapCall(ctx.rawBody);
  // The SOAP API takes the session from the envelope's SessionHeader, never from a bearer header.
  const session = ctx.org.sessions.get(sessionId ?? '');
  if (!session) throw new SoapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  const id = (name: string): string => {
    const value = argText(args, name);
    if (!value) throw new SoapFault('INVALID_ID_FIELD', `${operation} needs <${name}>: pass the id the deploy call returned.`);
    return value;
  };
  switch (operation) {
    case 'deploy': {
      const zipText = argText(args, 'ZipFile') ?? '';
      if (!zipText || !BASE64.test(zipText)) throw new SoapFault('INVALID_FIELD', 'deploy needs <ZipFile>: the deploy package as a base64-encoded zip.');
      const options = deployOptionsFromXml(args.children.find((c) => c.name === 'DeployOptions'));
      const job = service.start(Buffer.from(zipText, 'base64'), options, session.userId);
      return soapResult('deploy', { done: false, id: job.id, state: 'Queued' });
    }
    case 'checkDeployStatus': {
      const job = await service.status(id('asyncProcessId'));
      return soapResult('checkDeployStatus', deployResultOf(job, argText(args, 'includeDetails') === 'true'));
    }
    case 'cancelDeploy': {
      const job = service.cancel(id('id'), session.userId);
      return soapResult('cancelDeploy', { done: false, id: job.id });
    }
    case 'deployRecentValidation':
      return soapResult('deployRecentValidation', service.quickDeploy(id('validationId'), session.userId).id);
    default:
      throw new SoapFault('Client', `No operation available for request {${METADATA_NS}}${operation}: the mock org's Metadata API serves deploy, checkDeployStatus, cancelDeploy and deployRecentValidation.`, 'soapenv');
  }
}

/** `POST /services/Soap/m/{version}[/{orgId}]`: the Metadata API's deploy calls over SOAP. */
export function metadataSoapRoutes(service: DeployService): Route[] {
  const handler = async (ctx: RequestContext): Promise<RouteResponse> => {
    try {
      if (!/^\d+\.\d$/.test(ctx.params.version ?? '')) throw new SoapFault('UNSUPPORTED_API_VERSION', `Invalid Api version specified on URL: ${ctx.params.version}`);
      return await call(ctx, service);
    } catch (err) {
      if (err instanceof SoapFault) return soapFault(err);
      if (err instanceof MetadataCallError) return soapFault(new SoapFault(err.code, err.message));
      if (err instanceof DeployOptionsError) return soapFault(new SoapFault('INVALID_FIELD', err.message));
      throw err;
    }
  };
  return [
    // Public: the session is in the envelope. Faults still apply (the router decides them before this runs).
    { method: 'POST', path: '/services/Soap/m/:version', auth: 'public', body: 'raw', handler },
    { method: 'POST', path: '/services/Soap/m/:version/:orgId', auth: 'public', body: 'raw', handler },
  ];
}
