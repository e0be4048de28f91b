// Where things live in the repository: the root (folder with nx.json), the Kafka cache, run dirs.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Walks up from `start` (default: this file's folder) to the folder that holds nx.json. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root (a folder with nx.json) above ${start}`);
    dir = parent;
  }
}

export interface KafkaPaths {
  /** Folder of the broker jars made by scripts/bootstrap.sh. */
  readonly libs: string;
  /** The stamp bootstrap writes once the jar folder is complete. */
  readonly libsStamp: string;
  /** The main broker jar; its absence means bootstrap never ran. */
  readonly brokerJar: string;
  /** The AppCDS archive (optional: only makes the JVM start faster). */
  readonly cdsArchive: string;
  /** log4j2 configuration (WARN, to the file named by -Dkafka.log.file). */
  readonly log4jConfig: string;
}

export function kafkaPaths(root: string = findRepoRoot()): KafkaPaths {
  const base = join(root, '.cache', 'kafka');
  return {
    libs: join(base, 'libs'),
    libsStamp: join(base, 'libs', '.stamp'),
    brokerJar: join(base, 'libs', 'kafka_2.13-4.4.0.jar'),
    cdsArchive: join(base, 'kafka.jsa'),
    log4jConfig: join(root, 'tools', 'kafka', 'log4j2.properties'),
  };
}

/** `<repo>/.sb`: scratch space for servers started by the harness (git-ignored). */
export function scratchRoot(root: string = findRepoRoot()): string {
  return join(root, '.sb');
}

/** The install command every "missing" error points at. */
export const BOOTSTRAP_COMMAND = 'bash scripts/bootstrap.sh';
