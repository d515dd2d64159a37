/** A report that cannot be read: empty, binary, undecodable or without any paragraph. The message is for the user. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

/** What went wrong, in one message, whatever was thrown (an Error, a string, anything). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error whose message is already the whole sentence for the user (shown as it is, without "could not …: "). */
export class ExplainedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExplainedError';
  }
}

/** Whether an error is an ExplainedError: told by its name, as a lazy bundle throws its own copy of the class. */
export function isExplained(error: unknown): error is ExplainedError {
  return error instanceof Error && error.name === 'ExplainedError';
}
