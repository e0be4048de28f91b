import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPack } from '../../src/pack/load-pack';
import { validatePack } from '../../src/pack/validate-pack';
import { extractSlots } from '../../src/slots/extract-slots';
import { ECOMMERCE_PACK_PATH, minimalPackDocument } from '../fixtures';

const pack = loadPack(ECOMMERCE_PACK_PATH);
// Wednesday 25 November 2026, 10:00 in Shanghai (the pack's time zone).
const REFERENCE_MS = Date.parse('2026-11-25T02:00:00Z');

const slotsOf = (text: string, language: string): string[] =>
  extractSlots(text, language, pack, REFERENCE_MS).map((s) => `${s.name}=${s.value}`);

test('English utterances: order and phone numbers (spoken or written), dates, devices', () => {
  const table: readonly [string, string[]][] = [
    ['my order number is one two three four five six seven eight', ['order_number=SB12345678']],
    ['order s b two four six eight one three five seven', ['order_number=SB24681357']],
    ['its SB-1234-5678', ['order_number=SB12345678']],
    ['the order is double four five six seven eight nine oh', ['order_number=SB44567890']],
    ['call me on five five five one two three four five six seven', ['phone_number=5551234567']],
    ['my phone number is one eight hundred five five five one two one two', ['phone_number=18005551212']],
    ['can you deliver tomorrow at three pm', ['date_time=2026-11-26T15:00']],
    ['my lumen x five pro screen cracked', ['device_model=Lumen X5 Pro']],
    ['the orbit router and the pulse watch two', ['device_model=Orbit AX3000', 'device_model=Pulse Watch 2']],
    ['refund order one two three four five six seven eight for the pulse earbuds i got on monday', ['order_number=SB12345678', 'date_time=2026-11-30', 'device_model=Pulse Buds']],
    ['i want to talk to a person', []],
    ['one two three', []],
  ];
  for (const [text, expected] of table) assert.deepEqual(slotsOf(text, 'en-US'), expected, text);
});

test('Chinese utterances: 幺 and Chinese digits, mobile numbers in groups, dates, devices', () => {
  const table: readonly [string, string[]][] = [
    ['订单号是幺二三四五六七八', ['order_number=SB12345678']],
    ['订单sb八七六五四三二一到哪了', ['order_number=SB87654321']],
    ['我的手机号是幺三八 一二三四 五六七八', ['phone_number=13812345678']],
    ['电话13812345678', ['phone_number=13812345678']],
    ['座机零二幺六二三四五六七八九', ['phone_number=021623456789']],
    ['明天下午三点送过来', ['date_time=2026-11-26T15:00']],
    ['下周一上午十点半', ['date_time=2026-11-30T10:30']],
    ['我的流明x五坏了', ['device_model=Lumen X5']],
    ['我的lumen x5 pro坏了', ['device_model=Lumen X5 Pro']],
    ['脉冲手表二代和轨道路由器', ['device_model=Pulse Watch 2', 'device_model=Orbit AX3000']],
    ['转人工', []],
  ];
  for (const [text, expected] of table) assert.deepEqual(slotsOf(text, 'zh-CN'), expected, text);
});

test('confidence follows the evidence: spoken prefix > cue word > format only > ambiguous', () => {
  const confidence = (text: string, language = 'en'): number[] => extractSlots(text, language, pack, REFERENCE_MS).map((s) => s.confidence);
  const [prefixed] = confidence('s b one two three four five six seven eight');
  const [cued] = confidence('order one two three four five six seven eight');
  const [bare] = confidence('one two three four five six seven eight');
  assert.ok(prefixed !== undefined && cued !== undefined && bare !== undefined);
  assert.ok(prefixed > cued && cued > bare, `${prefixed} > ${cued} > ${bare}`);
  // 11 digits starting with 1 fit a Chinese mobile number and a landline with area code? No —
  // landlines start with 0. An 11-digit number starting with 0 fits only the landline format.
  assert.deepEqual(extractSlots('零二幺六二三四五六七八', 'zh', pack, REFERENCE_MS).map((s) => s.name), ['phone_number']);
});

test('slot names and formats come from the pack, not the code', () => {
  const custom = validatePack(minimalPackDocument(), 'inline');
  const slots = extractSlots('member m one two three four five six gold plan next friday', 'en', custom, REFERENCE_MS);
  assert.deepEqual(slots.map((s) => `${s.name}=${s.value}`), ['member_number=M123456', 'when=2026-12-04', 'plan=Gold Plan']);
  assert.deepEqual(extractSlots('会员号一二三四五六 金卡', 'zh', custom, REFERENCE_MS).map((s) => `${s.name}=${s.value}`), ['member_number=M123456', 'plan=Gold Plan']);
  // The e-commerce order-number format is not known to this pack.
  assert.deepEqual(extractSlots('order one two three four five six seven eight', 'en', custom, REFERENCE_MS), []);
});

test('an unknown language tag falls back to the script; empty text has no slots', () => {
  assert.deepEqual(slotsOf('明天下午三点', 'und'), ['date_time=2026-11-26T15:00']);
  assert.deepEqual(slotsOf('   ', 'en'), []);
});
