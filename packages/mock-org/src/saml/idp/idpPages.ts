import { escapeHtml, htmlDocument } from '../../http/htmlPage.js';
/** What the IdP's HTTP server answers: an HTML page with a status. */
export interface IdpPage {
  status: number;
  html: string;
}

function page(status: number, title: string, body: string): IdpPage {
  return { status, html: htmlDocument(title, body) };
}

/** The sign-in form; `loginId` names the pending request server-side, so the browser cannot change where the response goes. */
export function loginFormPage(loginId: string, spEntityId: string, error?: string): IdpPage {
  const alert = error ? `<p role="alert" id="login-error">${escapeHtml(error)}</p>` : '';
  const described = error ? ' aria-describedby="login-error"' : '';
  return page(
    error ? 401 : 200,
    'Sign in to the mock identity provider',
    `<p>Signing in to <strong>${escapeHtml(spEntityId)}</strong>.</p>${alert}` +
      `<form method="post" action="/sso/login">` +
      `<input type="hidden" name="login" value="${escapeHtml(loginId)}">` +
      `<p><label for="username">Username</label> <input id="username" name="username" type="text" autocomplete="username" required${described}></p>` +
      `<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required${described}></p>` +
      `<p><button type="submit">Sign in</button></p></form>`,
  );
}

/** The HTTP-POST binding: a form that posts itself to the SP's ACS (a button for browsers without script). */
export function autoPostPage(acsUrl: string, samlResponse: string, relayState: string | undefined): IdpPage {
  const relay = relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">`;
  return page(
    200,
    'Signing you in',
    `<form id="saml-post" method="post" action="${escapeHtml(acsUrl)}">` +
      `<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">${relay}` +
      `<noscript><p>Script is off: press Continue.</p></noscript><button type="submit">Continue</button></form>` +
      `<script>document.getElementById('saml-post').submit();</script>`,
  );
}

export function idpErrorPage(status: number, title: string, message: string): IdpPage {
  return page(status, title, `<p role="alert">${escapeHtml(message)}</p>`);
}

export function loggedOutPage(): IdpPage {
  return page(200, 'Signed out', '<p>You are signed out of the mock identity provider.</p>');
}
