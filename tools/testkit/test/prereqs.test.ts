import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kafkaPaths } from '../src/paths';
import { findBinary, requireKafkaFiles } from '../src/prereqs';

void describe('prerequisite checks', () => {
  void it('finds installed binaries, also in sbin folders', () => {
    assert.equal(findBinary('sh', 'dash').endsWith('/sh'), true);
    assert.match(findBinary('clickhouse-server', 'clickhouse-server'), /\/clickhouse-server$/);
  });

  void it('names the missing binary, its package and the install command', () => {
    assert.throws(
      () => findBinary('sb-no-such-server', 'sb-no-such-package'),
      /^Error: sb-no-such-server is not installed .*Debian package sb-no-such-package\)\. Install it with: bash scripts\/bootstrap\.sh$/,
    );
  });

  void it('names the missing Kafka jar and the install command', () => {
    const fake = kafkaPaths(join('/nonexistent', 'repo'));
    assert.throws(
      () => {
        requireKafkaFiles(fake);
      },
      /Kafka jars are missing: \/nonexistent\/repo\/\.cache\/kafka\/libs\/kafka_2\.13-4\.4\.0\.jar does not exist\. Install them with: bash scripts\/bootstrap\.sh/,
    );
  });

  void it('accepts the jars bootstrap installed', () => {
    requireKafkaFiles(kafkaPaths());
  });
});
