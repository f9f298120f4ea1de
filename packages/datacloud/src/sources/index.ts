export type { RecordSource, RecordSink, SourceBatch, SourceProblem, SourceProgress, SourceRecord, FileSourceOptions } from './types.js';
export { openNdjsonSource } from './ndjsonSource.js';
export { openCsvSource } from './csvSource.js';
export { pumpSource, type PumpResult } from './pumpSource.js';
export { clearFileCheckpoint } from './fileCheckpoint.js';
export { SourceError, type SourceErrorCode } from './sourceError.js';
