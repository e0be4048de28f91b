import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chineseDateTime } from '../../src/slots/date-time-zh';
import { englishDateTime } from '../../src/slots/date-time-en';
import { resolveDateTime } from '../../src/slots/date-time-mention';
import { numericView } from '../../src/slots/numeric-view';
import { normaliseText } from '../../src/text/normalise';

// Wednesday 25 November 2026, 10:00 in Shanghai (02:00 UTC).
const REFERENCE_MS = Date.parse('2026-11-25T02:00:00Z');
const ZONE = 'Asia/Shanghai';

const resolveEn = (text: string): string | undefined => {
  const mention = englishDateTime(numericView(normaliseText(text)));
  return mention && resolveDateTime(mention, REFERENCE_MS, ZONE);
};
const resolveZh = (text: string): string | undefined => {
  const mention = chineseDateTime(numericView(normaliseText(text)));
  return mention && resolveDateTime(mention, REFERENCE_MS, ZONE);
};

test('English dates and times resolve against the reference time', () => {
  const table: readonly [string, string | undefined][] = [
    ['tomorrow at three pm', '2026-11-26T15:00'],
    ['Tomorrow at 3:30 p.m.', '2026-11-26T15:30'],
    ['today', '2026-11-25'],
    ['the day after tomorrow', '2026-11-27'],
    ['yesterday', '2026-11-24'],
    ['next monday', '2026-11-30'],
    ['on friday', '2026-11-27'],
    ['this wednesday', '2026-11-25'],
    ['last friday', '2026-11-20'],
    ['last wednesday', '2026-11-18'],
    ['november twenty fifth', '2026-11-25'],
    ['the third of december at half past four', '2026-12-03T16:30'],
    ['january second', '2027-01-02'],
    ['march first', '2027-03-01'], // the nearest 1 March: 96 days ahead, not 269 days back
    ['december twenty fifth 2025', '2025-12-25'],
    ['on the thirtieth', '2026-11-30'],
    ['in two hours', '2026-11-25T12:00'],
    ['in half an hour', '2026-11-25T10:30'],
    ['in three days', '2026-11-28'],
    ['in a week', '2026-12-02'],
    ['two days ago', '2026-11-23'],
    ['at nine am', '2026-11-26T09:00'],
    ['at eleven', '2026-11-25T11:00'],
    ['at three thirty', '2026-11-25T15:30'],
    ['quarter to five tomorrow', '2026-11-26T16:45'],
    ['friday at noon', '2026-11-27T12:00'],
    ['tonight at eight', '2026-11-25T20:00'],
    ['tomorrow morning at ten', '2026-11-26T10:00'],
    ['fifteen thirty tomorrow at fifteen thirty', '2026-11-26T15:30'],
    ['february thirtieth', undefined],
    ['call me at one three eight', undefined],
    ['wait a second', undefined],
    ['i want a refund', undefined],
  ];
  for (const [text, expected] of table) assert.equal(resolveEn(text), expected, text);
});

test('Chinese dates and times resolve against the reference time', () => {
  const table: readonly [string, string | undefined][] = [
    ['明天下午三点', '2026-11-26T15:00'],
    ['明天下午3点', '2026-11-26T15:00'],
    ['后天', '2026-11-27'],
    ['大后天上午九点', '2026-11-28T09:00'],
    ['昨天', '2026-11-24'],
    ['周五', '2026-11-27'],
    ['星期天', '2026-11-29'],
    ['下周一上午十点半', '2026-11-30T10:30'],
    ['这周一', '2026-11-23'],
    ['上周五', '2026-11-20'],
    ['下下周三', '2026-12-09'],
    ['十一月二十五号', '2026-11-25'],
    ['12月3日晚上八点', '2026-12-03T20:00'],
    ['2027年1月2日', '2027-01-02'],
    ['三号', '2026-12-03'],
    ['两个小时后', '2026-11-25T12:00'],
    ['半小时后', '2026-11-25T10:30'],
    ['一个半小时以后', '2026-11-25T11:30'],
    ['三天后', '2026-11-28'],
    ['两个星期以后', '2026-12-09'],
    ['晚上八点', '2026-11-25T20:00'],
    ['三点一刻', '2026-11-25T15:15'],
    ['下午两点二十分', '2026-11-25T14:20'],
    ['明晚十二点', '2026-11-27T00:00'],
    ['早上八点', '2026-11-26T08:00'],
    ['快一点', undefined],
    ['我有两点要说', undefined],
    ['我要退款', undefined],
  ];
  for (const [text, expected] of table) assert.equal(resolveZh(text), expected, text);
});

test('the time zone decides the local date', () => {
  const mention = englishDateTime('tomorrow');
  assert.ok(mention);
  // 02:00 UTC is still the 24th in New York.
  assert.equal(resolveDateTime(mention, REFERENCE_MS, 'America/New_York'), '2026-11-25');
  assert.equal(resolveDateTime(mention, REFERENCE_MS, ZONE), '2026-11-26');
});
