/** How to get a core Salesforce access token (step 1 of Data Cloud auth). */
export type CoreAuth =
  /** `privateKeyFile`: where the key came from (absolute), for @salesforce/core, which reads the key from a file and keeps its path. */
  | { kind: 'jwt'; loginUrl: string; clientId: string; username: string; privateKeyPem: string; privateKeyFile?: string }
  | { kind: 'client-credentials'; loginUrl: string; clientId: string; clientSecret: string }
  /** An org the sf CLI knows (alias or username), read from its auth store through @salesforce/core. */
  | { kind: 'sf-org'; aliasOrUsername: string }
  /** A token obtained elsewhere; it can't be refreshed, so give a fresh one when it expires. */
  | { kind: 'access-token'; instanceUrl: string; accessToken: string };
