import type { XmlElement } from '@orgkit/checks/xml';

/** Deploy options as the Metadata API's DeployOptions names them (SOAP and REST alike). */
export interface DeployOptions {
  allowMissingFiles: boolean;
  autoUpdatePackage: boolean;
  checkOnly: boolean;
  ignoreWarnings: boolean;
  performRetrieve: boolean;
  purgeOnDelete: boolean;
  rollbackOnError: boolean;
  runAllTests: boolean;
  runTests: string[];
  singlePackage: boolean;
  testLevel: 'NoTestRun' | 'RunSpecifiedTests' | 'RunLocalTests' | 'RunAllTestsInOrg' | 'RunRelevantTests';
}

export type DeployStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'SucceededPartial' | 'Failed' | 'Canceling' | 'Canceled';

/** One componentSuccesses / componentFailures entry. */
export interface DeployMessage {
  changed: boolean;
  created: boolean;
  deleted: boolean;
  success: boolean;
  componentType: string;
  fullName: string;
  fileName: string;
  createdDate: string;
  id?: string;
  lineNumber?: number;
  columnNumber?: number;
  problem?: string;
  problemType?: 'Error' | 'Warning';
}

export interface RunTestsResult {
  numTestsRun: number;
  numFailures: number;
  totalTime: number;
  successes: never[];
  failures: never[];
  codeCoverage: never[];
  /** Where the mock says which requested tests it did not run. */
  codeCoverageWarnings: { message: string; name?: string; namespace?: string }[];
}

/** The DeployResult checkDeployStatus answers (and REST's `deployResult`). */
export interface DeployResult {
  id: string;
  status: DeployStatus;
  done: boolean;
  success: boolean;
  checkOnly: boolean;
  ignoreWarnings: boolean;
  rollbackOnError: boolean;
  runTestsEnabled: boolean;
  numberComponentsTotal: number;
  numberComponentsDeployed: number;
  numberComponentErrors: number;
  numberTestsTotal: number;
  numberTestsCompleted: number;
  numberTestErrors: number;
  createdBy: string;
  createdByName: string;
  createdDate: string;
  startDate?: string;
  completedDate?: string;
  lastModifiedDate: string;
  stateDetail?: string;
  errorMessage?: string;
  errorStatusCode?: string;
  canceledBy?: string;
  canceledByName?: string;
  details?: { componentSuccesses: DeployMessage[]; componentFailures: DeployMessage[]; runTestResult: RunTestsResult };
}

/** A component a deploy applied to the org (checkOnly deploys apply nothing). */
export interface DeployedComponent {
  type: string;
  fullName: string;
  fileName: string;
  deployId: string;
  /** ISO date-time of the deploy's completion, by the org's clock. */
  deployedAt: string;
}

/** A component a deploy applied, as a dataDir org keeps it (the element only for the types a restart replays). */
export interface DeployLogEntry extends DeployedComponent {
  element?: XmlElement;
  /** A SamlSsoConfig's file text: the SAML SP reads its config from the text. */
  xml?: string;
}

/** Where a dataDir org keeps what its deploys applied: each component's last deploy, in the order of those deploys. */
export interface DeployLog {
  load(): DeployLogEntry[];
  append(entries: readonly DeployLogEntry[]): void;
}

/** The org's Metadata API as tests and the sandbox see it. */
export interface MockOrgMetadata {
  /** Every deploy this org received, oldest first, with details. */
  deployments(): DeployResult[];
  deployment(id: string): DeployResult | undefined;
  /** Every component applied by successful deploys, in order (a component deployed twice appears twice). */
  components(): DeployedComponent[];
  /**
   * The last deployed XML of a Settings component by its name (`Security` → <SecuritySettings>),
   * e.g. to read `singleSignOnSettings/enableSamlLogin`; undefined when none was deployed.
   */
  settings(name: string): XmlElement | undefined;
  /** Resolves when no deploy is Pending, InProgress or Canceling. */
  settled(): Promise<void>;
}

/** Per-org options of the Metadata API. */
export interface MetadataApiConfig {
  /**
   * A deploy also moves one step on every status request; this timer moves it on its own, so a
   * client that does not poll still sees it finish. 0: steps on status requests only (tests).
   * Default 100 ms.
   */
  stepMs?: number;
}
