// Checks that what a server needs is installed, failing with the exact missing piece and the fix.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BOOTSTRAP_COMMAND, type KafkaPaths } from './paths';

/** Debian installs servers under sbin, which a non-root PATH usually lacks. */
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/bin'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of an executable, searched in PATH and then the sbin folders. */
export function findBinary(name: string, aptPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== ''), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const file = join(dir, name);
    if (isExecutable(file)) return file;
  }
  throw new Error(
    `${name} is not installed (not found in PATH or ${EXTRA_DIRS.join(', ')}; Debian package ${aptPackage}). ` +
      `Install it with: ${BOOTSTRAP_COMMAND}`,
  );
}

/** Fails unless the Kafka jars and the harness's log4j2 configuration are in place. */
export function requireKafkaFiles(paths: KafkaPaths): void {
  if (!existsSync(paths.brokerJar)) {
    throw new Error(
      `Kafka jars are missing: ${paths.brokerJar} does not exist. Install them with: ${BOOTSTRAP_COMMAND}`,
    );
  }
  if (!existsSync(paths.libsStamp)) {
    throw new Error(
      `Kafka jars are incomplete: ${paths.libsStamp} does not exist (an interrupted download?). ` +
        `Reinstall them with: ${BOOTSTRAP_COMMAND}`,
    );
  }
  if (!existsSync(paths.log4jConfig)) {
    throw new Error(`the Kafka log configuration ${paths.log4jConfig} is missing (it is part of the repository)`);
  }
}
