/** The environment variable each login flag falls back to (CI sets these). */
export const ENV = {
  loginUrl: 'ORGKIT_LOGIN_URL',
  clientId: 'ORGKIT_CLIENT_ID',
  username: 'ORGKIT_USERNAME',
  jwtKeyFile: 'ORGKIT_JWT_KEY_FILE',
  clientSecret: 'ORGKIT_CLIENT_SECRET',
  instanceUrl: 'ORGKIT_INSTANCE_URL',
  accessToken: 'ORGKIT_ACCESS_TOKEN',
} as const;

export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';
