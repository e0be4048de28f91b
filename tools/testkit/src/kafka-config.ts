// The broker's configuration: one combined KRaft node tuned for fast tests (see /work/shared/INFRA.md).
import { randomBytes } from 'node:crypto';

/** JVM flags; scripts/bootstrap.sh builds the AppCDS archive with exactly these. */
export const KAFKA_JVM_FLAGS: readonly string[] = ['-Xmx256m', '-XX:TieredStopAtLevel=1'];

export interface KafkaPorts {
  readonly broker: number;
  readonly controller: number;
}

export function kafkaServerProperties(ports: KafkaPorts, logDir: string): string {
  const b = `127.0.0.1:${ports.broker}`;
  const c = `127.0.0.1:${ports.controller}`;
  const props: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': c,
    'controller.listener.names': 'CONTROLLER',
    listeners: `PLAINTEXT://${b},CONTROLLER://${c}`,
    'advertised.listeners': `PLAINTEXT://${b},CONTROLLER://${c}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDir,
    'auto.create.topics.enable': 'false',
    'num.partitions': 6,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    // First group / transaction in 0.2 s instead of ~1 s.
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.num.partitions': 1,
    // Restart after SIGKILL ready in ~4.5 s instead of ~12 s.
    'broker.session.timeout.ms': 3000,
    'broker.heartbeat.interval.ms': 500,
  };
  return Object.entries(props)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('\n')
    .concat('\n');
}

/**
 * A random cluster id: 16 bytes in URL-safe base64 without padding (22 characters). Never starts
 * with '-': the storage tool would read it as an option (1 start in 64 failed that way).
 */
export function newClusterId(random: () => Buffer = () => randomBytes(16)): string {
  for (;;) {
    const id = random().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
