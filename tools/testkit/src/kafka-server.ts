// A real Apache Kafka 4.4.0 broker (combined KRaft node) as a child process, for tests.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KAFKA_JVM_FLAGS, kafkaServerProperties, newClusterId } from './kafka-config';
import { prewarmKafka, waitForKafka } from './kafka-probe';
import { kafkaPaths, type KafkaPaths } from './paths';
import { findBinary, requireKafkaFiles } from './prereqs';
import { freePorts } from './ports';
import { describeExit, runToCompletion, spawnManaged, tailFile, type ManagedProcess } from './processes';

export interface StartKafkaOptions {
  /** Holds server.properties, the log dir and the logs; created if missing, never deleted here. */
  readonly workDir: string;
  /** Overall readiness timeout per start (default 90 s). */
  readonly readyTimeoutMs?: number;
}

export interface KafkaServer {
  /** `127.0.0.1:PORT`, the value for KAFKA_BROKERS. */
  readonly brokers: string;
  /** The broker's log4j log file (WARN and above). */
  readonly logFile: string;
  /** Milliseconds the last start or restart took until the broker answered metadata. */
  readonly readyMs: number;
  /** SIGTERM (SIGKILL after 10 s); the data stays in workDir. */
  stop(): Promise<void>;
  /** SIGKILL, like a crash. */
  kill(): Promise<void>;
  /** Stops (if running) and starts again on the same log dir and the same ports. */
  restart(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

interface KafkaLayout {
  readonly workDir: string;
  readonly properties: string;
  readonly logDir: string;
  readonly logFile: string;
  readonly stdoutFile: string;
  readonly pidFile: string;
}

function layout(workDir: string): KafkaLayout {
  return {
    workDir,
    properties: join(workDir, 'server.properties'),
    logDir: join(workDir, 'data'),
    logFile: join(workDir, 'kafka.log'),
    stdoutFile: join(workDir, 'kafka.stdout.log'),
    pidFile: join(workDir, 'server.pid'),
  };
}

function jvmArgs(paths: KafkaPaths, files: KafkaLayout): string[] {
  const args = [...KAFKA_JVM_FLAGS];
  // The archive only speeds the start up; the JVM ignores a stale one (never use -Xshare:on).
  if (existsSync(paths.cdsArchive)) args.push(`-XX:SharedArchiveFile=${paths.cdsArchive}`);
  args.push(
    `-Dlog4j2.configurationFile=${paths.log4jConfig}`,
    `-Dkafka.log.file=${files.logFile}`,
    '-cp',
    // The same classpath string as bootstrap's archive run, or the archive is not used.
    `${paths.libs}/*`,
  );
  return args;
}

function logTails(files: KafkaLayout): string {
  return `--- ${files.logFile} (tail) ---\n${tailFile(files.logFile)}\n--- ${files.stdoutFile} (tail) ---\n${tailFile(files.stdoutFile)}`;
}

export async function startKafka(opts: StartKafkaOptions): Promise<KafkaServer> {
  const paths = kafkaPaths();
  requireKafkaFiles(paths);
  const java = findBinary('java', 'default-jre-headless');
  const files = layout(resolve(opts.workDir));
  const readyTimeoutMs = opts.readyTimeoutMs ?? 90_000;
  mkdirSync(files.workDir, { recursive: true });

  const [brokerPort, controllerPort] = await freePorts(2);
  if (brokerPort === undefined || controllerPort === undefined) throw new Error('could not pick free ports');
  writeFileSync(files.properties, kafkaServerProperties({ broker: brokerPort, controller: controllerPort }, files.logDir));
  const brokers = `127.0.0.1:${brokerPort}`;

  await runToCompletion(
    java,
    [...jvmArgs(paths, files), 'kafka.tools.StorageTool', 'format', '--standalone', '-t', newClusterId(), '-c', files.properties],
    { cwd: files.workDir, outputFile: join(files.workDir, 'format.log'), timeoutMs: 60_000, what: 'kafka storage format' },
  );

  let proc: ManagedProcess | undefined;
  let readyMs = 0;

  const launch = async (): Promise<void> => {
    const started = Date.now();
    const p = spawnManaged(java, [...jvmArgs(paths, files), 'kafka.Kafka', files.properties], {
      cwd: files.workDir,
      outputFile: files.stdoutFile,
      pidFile: files.pidFile,
    });
    proc = p;
    let exitInfo = '';
    void p.exited.then((info) => {
      exitInfo = describeExit(info);
    });
    try {
      await waitForKafka({
        brokers,
        timeoutMs: readyTimeoutMs,
        fatal: () => (p.isAlive() ? undefined : `the Kafka broker process ${exitInfo || 'exited'} before it was ready`),
      });
    } catch (err) {
      await p.stop('SIGKILL', 0);
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`Kafka broker (${brokers}, work dir ${files.workDir}) failed to start: ${why}\n${logTails(files)}`, {
        cause: err,
      });
    }
    readyMs = Date.now() - started;
  };

  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    if (proc !== undefined) await proc.stop(signal, STOP_GRACE_MS);
  };

  await launch();
  try {
    await prewarmKafka(brokers);
  } catch (err) {
    await halt('SIGKILL');
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`Kafka broker ${brokers} started but the pre-warm failed: ${why}\n${logTails(files)}`, { cause: err });
  }

  return {
    brokers,
    logFile: files.logFile,
    get readyMs() {
      return readyMs;
    },
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    restart: async () => {
      await halt('SIGTERM');
      await launch();
    },
  };
}
