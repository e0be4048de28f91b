// An append-only JSON-lines journal: the built-in store's only persistence. Every executed
// action appends one line (written, and by default fsynced, before its result is emitted), and
// start-up replays the lines. The memory journal serves tests and the embedded demo.
//
// One process owns a directory: the store is for single-instance deployments without a helpdesk.
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger, errorMessage, SwitchboardError, type Logger } from '@switchboard/runtime';

export const JOURNAL_FILE = 'store.jsonl';

export interface Journal {
  /** The JSON values a store opening this journal replays, in order (the memory journal's grow as it is appended to). */
  readonly entries: readonly unknown[];
  /** Appends one value; resolves once it is durable (per the journal's mode). */
  append(entry: unknown): Promise<void>;
  close(): Promise<void>;
}

export function memoryJournal(): Journal {
  const entries: unknown[] = [];
  return {
    entries,
    append: (entry) => {
      // A round trip through JSON, as the file would do, so tests see what recovery would.
      entries.push(JSON.parse(JSON.stringify(entry)));
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

export interface FileJournalOptions {
  readonly dir: string;
  /** fsync after each line (default true): a result is emitted only once its effect is on disk. */
  readonly fsync?: boolean;
  readonly logger?: Logger;
}

/** Reads the lines; a line cut short by a crash or otherwise unreadable is skipped and counted. */
export function parseJournal(text: string): { entries: unknown[]; skipped: number } {
  const entries: unknown[] = [];
  let skipped = 0;
  const lines = text.split('\n');
  // The text after the last newline is empty for a clean file, or a torn write.
  const torn = lines.pop();
  if (torn !== undefined && torn.trim() !== '') skipped++;
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}

export async function openFileJournal(opts: FileJournalOptions): Promise<Journal> {
  const logger = opts.logger ?? createLogger('actions', 'warn');
  const path = join(opts.dir, JOURNAL_FILE);
  let text: string;
  try {
    await mkdir(opts.dir, { recursive: true });
    text = await readFile(path, 'utf8').catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    });
  } catch (err) {
    throw new SwitchboardError('UNAVAILABLE', `store journal ${path} cannot be read: ${errorMessage(err)}`, { cause: err });
  }
  const { entries, skipped } = parseJournal(text);
  if (skipped > 0) logger.warn('store journal lines skipped at recovery', { file: path, skipped });
  const handle: FileHandle = await open(path, 'a');
  // A torn last line gets its own line ending, so the next entry does not run into it.
  let pending: Promise<void> = text !== '' && !text.endsWith('\n') ? handle.write('\n').then(() => undefined) : Promise.resolve();
  const fsync = opts.fsync ?? true;
  return {
    entries,
    append(entry) {
      const line = JSON.stringify(entry) + '\n';
      // Appends are chained so concurrent callers never interleave partial lines.
      const write = pending.then(async () => {
        await handle.write(line);
        if (fsync) await handle.datasync();
      });
      pending = write.catch(() => undefined);
      return write;
    },
    async close() {
      await pending;
      await handle.close();
    },
  };
}
