/** The SAML Assertion Validator's categories, as LoginHistory.Status names them. */
export type SamlFailureCategory =
  | 'Assertion Expired'
  | 'Assertion Invalid'
  | 'Audience Invalid'
  | 'Issuer Mismatched'
  | 'Recipient Mismatched'
  | 'Signature Invalid'
  | 'Subject Confirmation Error'
  | 'Replay Detected'
  | 'Configuration Error'
  | 'Failed: Federation ID not found'
  | 'Failed: Username not found'
  | 'Failed: User ID not found'
  | 'Failed: User inactive';

/** A rejected SAML response: the category goes to LoginHistory and the error page, nothing else does. */
export class SamlLoginFailure extends Error {
  readonly code = 'SAML_LOGIN_FAILED';
  constructor(
    readonly category: SamlFailureCategory,
    /** The user the attempt was for, when known (an inactive user's failures go on their history). */
    readonly userId?: string,
  ) {
    super(`SAML login failed: ${category}.`);
    this.name = 'SamlLoginFailure';
  }
}

/** node-saml and xml-crypto say what failed in their messages only; this maps them to the validator's categories. */
const RULES: [RegExp, SamlFailureCategory][] = [
  [/audience|AudienceRestriction/i, 'Audience Invalid'],
  [/expired|not yet valid|No valid subject confirmation/i, 'Assertion Expired'],
  [/InResponseTo/i, 'Subject Confirmation Error'],
  [/signature|signed|digest|reference|transform|ID cannot refer|multiple assertions|certificate|public key|Cannot obtain assertion/i, 'Signature Invalid'],
  [/issuer/i, 'Issuer Mismatched'],
];

export function categorize(err: unknown): SamlFailureCategory {
  if (err instanceof SamlLoginFailure) return err.category;
  const message = err instanceof Error ? err.message : String(err);
  return RULES.find(([pattern]) => pattern.test(message))?.[1] ?? 'Assertion Invalid';
}
