import { DocumentStore } from './documentStore';

/** A key with the time its document was last written, as the store itself recorded it. */
export interface DocumentInfo {
  key: string;
  modifiedAt: Date;
}

/**
 * A {@link DocumentStore} that can also say when each document was last written,
 * which retention needs without knowing the documents' own shape.
 * Both the file and the blob store implement it.
 */
export interface DatedDocumentStore extends DocumentStore {
  /** Keys that start with `prefix`, in lexical order, with their last-modified time. */
  listInfo(prefix: string): Promise<DocumentInfo[]>;
}
