import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMockIdp, startMockIdp, startMockOrgs, type MockIdp, type MockOrg, type MockOrgs } from '../src/index.js';
import { loginHistory } from './fixtures/saml-sp/spFixture.js';

// Debian's chromium (README: Prerequisites; .ci/run installs it when absent).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
let orgs: MockOrgs;
let org: MockOrg;
let idp: MockIdp;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  idp = await startMockIdp({
    users: [
      { nameId: 'ada@corp.example', email: 'ada@corp.example', password: 'analytical engine' },
      { nameId: 'ghost@corp.example', email: 'ghost@corp.example', password: 'no such user' },
    ],
  });
  orgs = await startMockOrgs({ orgs: [{ name: 'A', users: [{ username: 'ada@org-a.example', firstName: 'Ada', lastName: 'Lovelace', federationIdentifier: 'ada@corp.example' }] }], sourceDir: null });
  org = orgs.org('A');
  connectMockIdp(idp, org);
});
afterAll(async () => {
  await browser?.close();
  await orgs?.close();
  await idp?.close();
});

/** A person at the org's login page: picks the IdP, signs in on its form, and comes back. */
async function logInThroughIdp(username: string, password: string) {
  const page = await browser.newPage();
  await page.goto(`${org.instanceUrl}/login`);
  await page.getByRole('link', { name: 'Log in with Mock_IdP' }).click();
  await page.getByLabel(/user ?name|email/i).fill(username);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await page.waitForLoadState('load');
  return page;
}

describe('SAML single sign-on in a browser', () => {
  it('an SP-initiated login through the mock IdP lands on the org, logged in', async () => {
    const page = await logInThroughIdp('ada@corp.example', 'analytical engine');
    await expect.poll(() => page.url()).toBe(`${org.instanceUrl}/home`);
    expect(await page.locator('main').innerText()).toContain('Logged in as Ada Lovelace');
    const cookies = await page.context().cookies(org.instanceUrl);
    expect(cookies.find((c) => c.name === 'sid')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await loginHistory(org)).toContainEqual(expect.objectContaining({ Status: 'Success', LoginType: 'SAML Sfdc Initiated SSO' }));
    await page.close();
  });

  it('shows the error page when the IdP asserts a Federation ID no user has', async () => {
    const page = await logInThroughIdp('ghost@corp.example', 'no such user');
    await expect.poll(async () => page.getByRole('heading').innerText()).toBe('Single sign-on failed');
    expect(await page.getByRole('alert').innerText()).toMatch(/could not be accepted/);
    expect((await page.context().cookies(org.instanceUrl)).find((c) => c.name === 'sid')).toBeUndefined();
    expect((await loginHistory(org)).filter((r) => r.Status !== 'Success').map((r) => r.Status)).toContainEqual(expect.stringMatching(/Federation ID/i));
    await page.close();
  });
});
