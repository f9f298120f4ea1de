// The `@orgkit/checks/mdapi` entry: SDR and the Apex parser load only for callers that validate packages.
export { validateMdapiPackage, type MdapiSource } from './mdapi/validateMdapiPackage.js';
export { readMdapiZip, readMdapiDir, MdapiReadError } from './mdapi/readMdapiFiles.js';
export type { MdapiComponent, MdapiFiles, MdapiPackageReport, MdapiProblem } from './mdapi/types.js';
export { apexSyntaxProblem, type ApexSyntaxProblem } from './mdapi/apexSyntax.js';
