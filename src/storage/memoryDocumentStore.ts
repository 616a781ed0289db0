import { DocumentStore, EtagMismatchError, StoredDocument } from './documentStore';

/** In-process store for unit tests and benchmarks; loses everything on restart. */
export class MemoryDocumentStore implements DocumentStore {
  private readonly docs = new Map<string, { json: string; etag: string }>();
  private counter = 0;

  async read<T>(key: string): Promise<StoredDocument<T> | undefined> {
    const doc = this.docs.get(key);
    return doc ? { value: JSON.parse(doc.json) as T, etag: doc.etag } : undefined;
  }

  async write<T>(key: string, value: T, etag?: string): Promise<string> {
    const current = this.docs.get(key);
    if (etag !== undefined && current?.etag !== etag) throw new EtagMismatchError(key);
    const next = String(++this.counter);
    this.docs.set(key, { json: JSON.stringify(value), etag: next });
    return next;
  }

  async create<T>(key: string, value: T): Promise<boolean> {
    if (this.docs.has(key)) return false;
    await this.write(key, value);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.docs.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.docs.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async ping(): Promise<void> {}
}
