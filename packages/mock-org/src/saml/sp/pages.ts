import { escapeHtml, htmlDocument } from '../../http/htmlPage.js';
import type { RouteResponse } from '../../http/types.js';
import type { SamlSsoConfig } from './samlSsoConfig.js';

function page(status: number, title: string, body: string, headers: Record<string, string> = {}): RouteResponse {
  const html = htmlDocument(title, body);
  // No framing and no caching: login pages are what clickjacking and shared caches go after.
  return { status, raw: html, headers: { 'content-type': 'text/html;charset=UTF-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY', ...headers } };
}

const SAML_OFF = 'SAML single sign-on is off in this org: an administrator turns on SAML Enabled in Setup → Single Sign-On Settings (SecuritySettings enableSamlLogin).';

/** The org's login page: one real link per IdP that has a login URL, when SAML is enabled. */
export function loginPage(orgName: string, configs: readonly SamlSsoConfig[], startUrl: string | undefined, samlEnabled: boolean): RouteResponse {
  if (!samlEnabled) return page(200, `Log in to ${orgName}`, `<p>${escapeHtml(SAML_OFF)}</p>`);
  const usable = configs.filter((c) => c.loginUrl);
  const start = startUrl ? `&amp;startURL=${encodeURIComponent(startUrl)}` : '';
  const choices = usable.length
    ? `<nav aria-label="Single sign-on"><ul>${usable.map((c) => `<li><a href="/saml/authn?idp=${encodeURIComponent(c.name)}${start}">Log in with ${escapeHtml(c.name)}</a></li>`).join('')}</ul></nav>`
    : '<p>No identity provider is configured for single sign-on.</p>';
  return page(200, `Log in to ${orgName}`, `<p>Choose your identity provider.</p>${choices}`);
}

export function homePage(orgName: string, displayName: string, username: string): RouteResponse {
  return page(200, `${orgName} home`, `<p>Logged in as <strong>${escapeHtml(displayName)}</strong> (${escapeHtml(username)}).</p>`);
}

/** A failed login: the category, what to do, and nothing an attacker could use. */
export function ssoErrorPage(category: string): RouteResponse {
  return page(403, 'Single sign-on failed', `<p role="alert">Your identity provider's login could not be accepted: ${escapeHtml(category)}.</p><p>Ask your Salesforce administrator to check the login history and the SAML single sign-on settings.</p><p><a href="/login">Back to login</a></p>`);
}

/** A SAML request or response while SAML Enabled is off: refused, saying who can turn it on. */
export function samlOffPage(): RouteResponse {
  return page(403, 'Single sign-on is off', `<p role="alert">${escapeHtml(SAML_OFF)}</p><p><a href="/login">Back to login</a></p>`);
}

export function badRequestPage(message: string): RouteResponse {
  return page(400, 'Bad request', `<p role="alert">${escapeHtml(message)}</p>`);
}

/** HTTP-POST binding: a form that posts itself (a real, labelled button when scripts are off). */
export function postBindingPage(idpName: string, action: string, fields: Record<string, string>): RouteResponse {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return page(
    200,
    `Continue to ${idpName}`,
    `<form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">Continue to ${escapeHtml(idpName)}</button></form><script>document.forms[0].submit()</script>`,
  );
}
