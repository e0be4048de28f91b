import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { startNats, type NatsServer } from '../src/nats-server';
import { uniqueName } from '../src/test-env';
import { acceptsConnections, scratchDir } from './helpers';

void describe('startNats', { timeout: 60_000 }, () => {
  let dir: string;
  let nats: NatsServer;

  before(async () => {
    dir = scratchDir('nats');
    nats = await startNats({ workDir: dir });
  });

  after(async () => {
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  void it('accepts connections, routes a request/reply and has JetStream on', async () => {
    assert.match(nats.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
    const nc = await connect({ servers: nats.url });
    try {
      assert.equal(nc.info?.jetstream, true);
      const subject = uniqueName('echo');
      nc.subscribe(subject, {
        callback: (_err, msg) => {
          msg.respond(`echo:${msg.string()}`);
        },
      });
      const reply = await nc.request(subject, 'hi', { timeout: 5000 });
      assert.equal(reply.string(), 'echo:hi');
    } finally {
      await nc.close();
    }
  });

  void it('stop() ends the server', async () => {
    await nats.stop();
    assert.equal(await acceptsConnections(nats.url), false);
  });
});
