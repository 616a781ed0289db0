/** A stored document that exists but is not valid JSON in the expected shape: never written by our stores. */
export class CorruptDocumentError extends Error {
  override name = 'CorruptDocumentError';
  constructor(
    readonly key: string,
    readonly where: string,
  ) {
    super(`[DocumentStore]: "${key}" is unreadable (${where})`);
  }
}
