import { watch, FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { checkContent, formatFault } from './check';
import type { Content } from './loader';
import { ContentLoadError } from './loader';
import type { GradeFn } from './validate';

/**
 * Holds the live content. In local mode it watches the folder and swaps in edited content once it
 * passes the same checks as content:check; a faulty edit keeps the last good content live.
 */
export class ContentStore {
  private current: Content;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private readonly listeners = new Set<(c: Content) => void>();

  private constructor(private readonly dir: string, initial: Content, private readonly logger: Logger, private readonly grade?: GradeFn) {
    this.current = initial;
  }

  /** Loads and validates; throws ContentLoadError when the content has faults (the bot must not start on bad content). */
  static load(dir: string, logger: Logger, grade?: GradeFn): ContentStore {
    const { content, faults } = checkContent(dir, grade);
    if (!content) throw new ContentLoadError(faults);
    return new ContentStore(dir, content, logger, grade);
  }

  get content(): Content {
    return this.current;
  }

  onChange(listener: (c: Content) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads the folder now; returns true when new content went live. */
  reload(): boolean {
    const { content, faults } = checkContent(this.dir, this.grade);
    if (!content) {
      this.logger.warn({ faults: faults.slice(0, 20).map(formatFault), count: faults.length }, 'content reload rejected; the last good content stays live');
      return false;
    }
    if (content.revision === this.current.revision) return false;
    this.current = content;
    this.logger.info({ revision: content.revision }, 'content reloaded');
    for (const l of this.listeners) l(content);
    return true;
  }

  /** Watches the folder (recursively) and reloads after edits settle. */
  watch(debounceMs = 200): void {
    if (this.watcher) return;
    this.watcher = watch(this.dir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), debounceMs);
    });
    this.watcher.on('error', (err) => this.logger.warn({ err }, 'content watcher stopped'));
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
