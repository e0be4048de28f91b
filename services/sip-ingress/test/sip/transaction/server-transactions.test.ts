// Server transactions with time driven by hand: retransmission schedules, absorption of
// retransmitted requests, ACK handling, CANCEL matching, and that every transaction ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SIP_LIMITS } from '../../../src/sip/message/limits';
import type { SipRequest } from '../../../src/sip/message/message';
import { InviteServerTransaction } from '../../../src/sip/transaction/invite-server';
import { ServerTransactions, type Received } from '../../../src/sip/transaction/server-transactions';
import { DEFAULT_TIMERS } from '../../../src/sip/transaction/timers';
import { readDatagram } from '../../../src/sip/transport/datagram-framing';
import { ManualScheduler } from '../../helpers/manual-scheduler';
import { sipText } from '../../helpers/sip-text';

function req(method: string, opts: { branch?: string; cseqMethod?: string; toTag?: string } = {}): SipRequest {
  const r = readDatagram(sipText([
    `${method} sip:b@switchboard.test SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:5070;branch=${opts.branch ?? 'z9hG4bK-t1'}`,
    'From: <sip:a@carrier.test>;tag=f1', `To: <sip:b@switchboard.test>${opts.toTag ? `;tag=${opts.toTag}` : ''}`,
    'Call-ID: tx-1', `CSeq: 1 ${opts.cseqMethod ?? method}`, 'Content-Length: 0',
  ]), DEFAULT_SIP_LIMITS);
  assert.ok(r.ok === true && r.message.kind === 'request');
  return r.message;
}

function setup(reliable = false): { table: ServerTransactions; clock: ManualScheduler; sent: { atMs: number; what: string }[]; receive: (r: SipRequest) => Received } {
  const clock = new ManualScheduler();
  const table = new ServerTransactions(DEFAULT_TIMERS, clock);
  const sent: { atMs: number; what: string }[] = [];
  const receive = (r: SipRequest): Received => table.receive(r, { reliable, send: (b) => { sent.push({ atMs: clock.nowMs, what: b.toString() }); } });
  return { table, clock, sent, receive };
}

function invite(r: Received): InviteServerTransaction {
  assert.equal(r.kind, 'invite');
  return (r as { transaction: InviteServerTransaction }).transaction;
}

void test('INVITE answered 486 over UDP: Timer G resends at T1, doubling to T2; Timer H ends it at 64·T1 and reports no ACK', () => {
  const { table, clock, sent, receive } = setup();
  const tx = invite(receive(req('INVITE')));
  let noAck = 0;
  tx.onNoAck = () => { noAck++; };
  tx.respond(100, Buffer.from('100'));
  tx.respond(486, Buffer.from('486'));
  clock.advance(40_000);
  assert.deepEqual(sent.map((s) => `${s.what}@${s.atMs}`), ['100@0', '486@0', '486@500', '486@1500', '486@3500', '486@7500', '486@11500', '486@15500', '486@19500', '486@23500', '486@27500', '486@31500']);
  assert.equal(noAck, 1);
  assert.equal(tx.state, 'terminated');
  assert.equal(table.size, 0);
  assert.equal(clock.activeTimers, 0);
});

void test('the ACK of a 486 is absorbed, stops the resends, and Timer I (T4) ends the transaction; later ACKs are absorbed too', () => {
  const { table, clock, sent, receive } = setup();
  const tx = invite(receive(req('INVITE')));
  tx.respond(486, Buffer.from('486'));
  clock.advance(600);
  assert.equal(receive(req('ACK', { cseqMethod: 'ACK', toTag: 'sb' })).kind, 'absorbed');
  assert.equal(tx.state, 'confirmed');
  assert.equal(receive(req('ACK', { cseqMethod: 'ACK', toTag: 'sb' })).kind, 'absorbed');
  clock.advance(DEFAULT_TIMERS.t4Ms);
  assert.equal(tx.state, 'terminated');
  assert.deepEqual(sent.map((s) => s.atMs), [0, 500]);
  assert.equal(table.size, 0);
});

void test('over TCP there are no resends and the ACK ends the transaction at once', () => {
  const { table, clock, sent, receive } = setup(true);
  const tx = invite(receive(req('INVITE')));
  tx.respond(486, Buffer.from('486'));
  clock.advance(10_000);
  assert.equal(sent.length, 1);
  receive(req('ACK', { cseqMethod: 'ACK', toTag: 'sb' }));
  clock.advance(0);
  assert.equal(table.size, 0);
});

void test('while proceeding a retransmitted INVITE gets the last provisional again; after a 2xx it is absorbed, the ACK goes to the dialog, Timer L ends it', () => {
  const { table, clock, sent, receive } = setup();
  const tx = invite(receive(req('INVITE')));
  assert.equal(receive(req('INVITE')).kind, 'absorbed'); // nothing sent yet: nothing to repeat
  tx.respond(180, Buffer.from('180'));
  receive(req('INVITE'));
  tx.respond(200, Buffer.from('200'));
  assert.equal(receive(req('INVITE')).kind, 'absorbed');
  assert.deepEqual(sent.map((s) => s.what), ['180', '180', '200']);
  assert.equal(receive(req('ACK', { cseqMethod: 'ACK', toTag: 'sb', branch: 'z9hG4bK-ack' })).kind, 'ack-for-2xx');
  assert.equal(tx.state, 'accepted');
  clock.advance(64 * DEFAULT_TIMERS.t1Ms);
  assert.equal(table.size, 0);
  assert.throws(() => { tx.respond(200, Buffer.from('again')); }, /terminated/);
});

void test('non-INVITE: a retransmission gets the final response again; Timer J is 64·T1 on UDP and 0 on TCP', () => {
  for (const reliable of [false, true]) {
    const { table, clock, sent, receive } = setup(reliable);
    const r = receive(req('OPTIONS'));
    assert.equal(r.kind, 'request');
    if (r.kind !== 'request') return;
    r.transaction.respond(200, Buffer.from('200'));
    receive(req('OPTIONS'));
    assert.deepEqual(sent.map((s) => s.what), ['200', '200']);
    clock.advance(reliable ? 0 : 64 * DEFAULT_TIMERS.t1Ms - 1);
    assert.equal(table.size, reliable ? 0 : 1);
    clock.advance(1);
    assert.equal(table.size, 0);
  }
});

void test('CANCEL comes with the INVITE transaction it cancels, or none when there is no such INVITE', () => {
  const { receive } = setup();
  const tx = invite(receive(req('INVITE')));
  const cancel = receive(req('CANCEL'));
  assert.ok(cancel.kind === 'cancel' && cancel.invite === tx);
  const stray = receive(req('CANCEL', { branch: 'z9hG4bK-other' }));
  assert.ok(stray.kind === 'cancel' && stray.invite === undefined);
});

void test('RFC 2543 peers (branch without the magic cookie) are matched by URI, From tag, Call-ID, CSeq and Via', () => {
  const { receive } = setup();
  const tx = invite(receive(req('INVITE', { branch: 'old-style' })));
  tx.respond(486, Buffer.from('486'));
  assert.equal(receive(req('INVITE', { branch: 'old-style' })).kind, 'absorbed');
  assert.equal(receive(req('ACK', { branch: 'old-style', cseqMethod: 'ACK', toTag: 'sb' })).kind, 'absorbed');
  assert.equal(tx.state, 'confirmed');
});
