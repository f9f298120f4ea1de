/** A step that ran and did not work: its message is the reason the summary prints. */
export class StepFailure extends Error {
  readonly code = 'SANDBOX_STEP_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}
