/** A report that cannot be read: empty, binary, undecodable or without any paragraph. The message is for the user. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}
