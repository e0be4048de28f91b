// Shared test fixtures: the real e-commerce pack, and a small valid pack document that tests
// break one rule at a time.
import { resolve } from 'node:path';

/** packs/ecommerce/nlu.yaml, from dist/test/. */
export const ECOMMERCE_PACK_PATH = resolve(__dirname, '../../../../packs/ecommerce/nlu.yaml');

const tenTexts = (stem: string): string[] => Array.from({ length: 10 }, (_, i) => `${stem} number ${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][i]!}`);
const tenChinese = (stem: string): string[] => Array.from({ length: 10 }, (_, i) => `${stem}${'一二三四五六七八九十'[i]!}`);

type Doc = Record<string, unknown>;

/** A fresh, valid pack document (plain data, as the YAML parser returns it). */
export function minimalPackDocument(): Doc {
  return {
    version: 1,
    pack: 'test-shop',
    languages: ['en', 'zh'],
    intents: {
      check_balance: { description: 'balance', examples: { en: tenTexts('balance please'), zh: tenChinese('查余额') } },
      top_up: { examples: { en: tenTexts('top up please'), zh: tenChinese('充值') } },
    },
    out_of_scope: { en: tenTexts('weather today'), zh: tenChinese('天气') },
    slots: {
      member_number: { type: 'digits', formats: [{ digits: 6, prefix: 'M' }], cues: { en: ['member'], zh: ['会员'] } },
      when: { type: 'date_time', time_zone: 'Europe/London' },
      plan: { type: 'catalogue', entries: [{ value: 'Gold Plan', aliases: { en: ['gold'], zh: ['金卡'] } }, { value: 'Silver Plan' }] },
    },
  };
}

/** Reads a nested value of a document for mutation in a test: at(doc, 'intents', 'top_up'). */
export function at(doc: Doc, ...keys: string[]): Doc {
  let node: unknown = doc;
  for (const key of keys) node = (node as Doc)[key];
  return node as Doc;
}
