/** One idempotent post-deploy step and how it went: a failed step never hides the others. */
export interface PostDeployStep {
  step: 'custom-setting-default' | 'permission-set-assignment' | 'schedule';
  /** What it is about: the setting, the permission set, the job name. */
  subject: string;
  status: 'done' | 'skipped' | 'failed';
  reason: string;
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
