import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_PACK_DIR } from '../src/config';
import { FLOWS_FILE, loadKnowledgePack } from '../src/knowledge-pack';

test('the shipped e-commerce pack loads, and its flows only use intents the NLU knows', () => {
  const pack = loadKnowledgePack(DEFAULT_PACK_DIR);
  assert.equal(pack.nlu.pack, 'ecommerce');
  assert.deepEqual([...pack.dialogue.routes.keys()].sort(), ['order_status', 'refund_request', 'delivery_problem', 'talk_to_human'].sort());
});

test('a flow routed from an intent the NLU does not define is refused, naming it', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-pack-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  const flows = join(dir, FLOWS_FILE);
  writeFileSync(flows, readFileSync(flows, 'utf8').replace('  talk_to_human: human', '  talk_to_a_person: human'));
  assert.throws(() => loadKnowledgePack(dir), /flows\.yaml uses intents that nlu\.yaml does not define: talk_to_a_person/);
});
