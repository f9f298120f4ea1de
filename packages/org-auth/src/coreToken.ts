/** A core org session: the access token and the instance URL API calls (and the Data Cloud exchange) go to. */
export interface CoreToken {
  accessToken: string;
  instanceUrl: string;
}

/** Gets core tokens; `fresh` asks for a new one when the last was refused. */
export type CoreTokenSource = (fresh: boolean) => Promise<CoreToken>;
