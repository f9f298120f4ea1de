import { createFormBrowser, formOf, type MockIdp, type MockOrg } from '@orgkit/mock-org';
import type { OrgSession } from '@orgkit/deploy';
import type { SsoUser } from './startServices.js';
import { StepFailure } from '../stepFailure.js';

export interface SamlLoginResult {
  landedOn: string;
  loginType: string;
}

/**
 * An SP-initiated login as a browser without script makes it: Org A's IdP button → the IdP's
 * sign-in form → the auto-posted SAML response → Org A's home page with a session cookie, and a
 * Success row in Org A's LoginHistory.
 */
export async function samlLogin(org: MockOrg, idp: MockIdp, user: SsoUser, conn: OrgSession['conn'], idpName = 'Mock_IdP'): Promise<SamlLoginResult> {
  const browser = createFormBrowser(org.instanceUrl);
  const toIdp = await browser.get(`/saml/authn?idp=${encodeURIComponent(idpName)}&startURL=%2Fhome`);
  if (!toIdp.location?.startsWith(idp.ssoUrl)) throw new StepFailure(`Org A's SSO start did not redirect to the IdP (HTTP ${toIdp.status}${toIdp.location ? ` to ${toIdp.location}` : ''})`);
  const signIn = formOf((await browser.get(toIdp.location)).html);
  const signedIn = await browser.post(new URL(signIn.action, idp.url).href, { ...signIn.fields, username: user.federationId, password: user.idpPassword });
  const toOrg = formOf(signedIn.html);
  const landing = await browser.post(toOrg.action, toOrg.fields);
  if (landing.status !== 302 || landing.location !== '/home') throw new StepFailure(`Org A refused the SAML response (HTTP ${landing.status}): ${landing.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)}`);
  const home = await browser.get('/home');
  if (home.status !== 200 || !browser.cookie('sid')) throw new StepFailure(`after the SAML login Org A's /home answered HTTP ${home.status}${browser.cookie('sid') ? '' : ' and set no sid cookie'}`);
  const history = (await conn.query<{ Status: string; LoginType: string }>(`SELECT Status, LoginType FROM LoginHistory WHERE UserId = '${user.orgUserId}'`)).records;
  const success = history.find((h) => h.Status === 'Success');
  if (!success) throw new StepFailure(`Org A's LoginHistory has no Success for ${user.orgUsername} (${history.map((h) => h.Status).join(', ') || 'no rows'})`);
  return { landedOn: '/home', loginType: success.LoginType };
}
