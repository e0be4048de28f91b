// Chinese date/time phrases as callers say them, read from the numeric view with spaces
// removed ("明天下午3点", "下周5", "11月25号", "2个小时后", "3点半").
import { minutesMs, type DateSpec, type DateTimeMention, type DayPeriod, type TimeSpec } from './date-time-mention';

const RELATIVE_DAYS: readonly (readonly [RegExp, number])[] = [
  [/大后天/, 3], [/大前天/, -3], [/后天/, 2], [/前天/, -2],
  [/明天|明日|明早|明晚|明儿/, 1], [/今天|今日|今早|今晚|今儿/, 0], [/昨天|昨日|昨晚/, -1],
];
const LATER = '(?:以后|之后|后)';
const EARLIER = '(?:以前|之前|前)';

// 周一 … 周六 are digits in the numeric view; Sunday is 日 or 天.
const weekdayOf = (w: string): number => (w === '日' || w === '天' || w === '7' ? 0 : Number(w));

function dateSpec(text: string): DateSpec | undefined {
  let m = new RegExp(`(\\d+)(?:天|日)${LATER}|过(\\d+)天`).exec(text);
  if (m) return { kind: 'offset', days: Number(m[1] ?? m[2]) };
  m = new RegExp(`(\\d+)个?(?:星期|礼拜|周)${LATER}`).exec(text);
  if (m) return { kind: 'offset', days: 7 * Number(m[1]) };
  m = new RegExp(`(\\d+)(?:天|日)${EARLIER}`).exec(text);
  if (m) return { kind: 'offset', days: -Number(m[1]) };
  for (const [pattern, days] of RELATIVE_DAYS) if (pattern.test(text)) return { kind: 'offset', days };
  m = /(下下|下|上|这|本)?个?(?:周|星期|礼拜)([1-7日天])/.exec(text);
  if (m) {
    const weekday = weekdayOf(m[2]!);
    const weeks = { 下下: 2, 下: 1, 上: -1, 这: 0, 本: 0 }[m[1] ?? ''];
    return weeks === undefined ? { kind: 'coming', weekday } : { kind: 'week', weekday, weeks };
  }
  m = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})(?:日|号)/.exec(text);
  if (m) return { kind: 'calendar', month: Number(m[2]), day: Number(m[3]), ...(m[1] ? { year: Number(m[1]) } : {}) };
  m = /(?<!\d)(\d{1,2})(?:日|号)(?!码|线)/.exec(text);
  if (m) return { kind: 'calendar', day: Number(m[1]) };
  return undefined;
}

const PERIODS: readonly (readonly [RegExp, DayPeriod])[] = [
  [/凌晨|半夜/, 'am'], [/早上|早晨|上午|今早|明早/, 'am'], [/中午/, 'noon'],
  [/下午|傍晚/, 'pm'], [/晚上|夜里|今晚|明晚|昨晚/, 'night'],
];

// "一点" and "两点" are also "a bit" and "two points": "快一点", "有两点问题", "一点都不".
const NOT_A_HOUR = /(?:[有快慢早晚多少好差宜大小高低这那][12]点|[12]点(?:[都儿也]|问题|意见|建议|要求))/;

function timeSpec(text: string): TimeSpec | undefined {
  const m = /(?<!\d)(\d{1,2})(?:点|时)(?:([13])刻|(半)|(\d{1,2})分?)?/.exec(text);
  if (!m) return undefined;
  if (NOT_A_HOUR.test(text.slice(Math.max(0, m.index - 1), m.index + m[0].length + 2))) return undefined;
  const minute = m[2] !== undefined ? 15 * Number(m[2]) : m[3] !== undefined ? 30 : m[4] !== undefined ? Number(m[4]) : 0;
  const period = PERIODS.find(([p]) => p.test(text.slice(0, m.index)))?.[1];
  return period === undefined ? { hour: Number(m[1]), minute } : { hour: Number(m[1]), minute, period };
}

function fromNowMs(text: string): number | undefined {
  let m = new RegExp(`(\\d+)个半(?:小时|钟头)${LATER}`).exec(text);
  if (m) return minutesMs(60 * Number(m[1]) + 30);
  m = new RegExp(`(\\d+|半)个?(?:小时|钟头)${LATER}`).exec(text);
  if (m) return minutesMs(m[1] === '半' ? 30 : 60 * Number(m[1]));
  m = new RegExp(`(\\d+)分钟${LATER}`).exec(text);
  if (m) return minutesMs(Number(m[1]));
  return undefined;
}

/** The date/time a Chinese utterance names, if any (input: the numeric view). */
export function chineseDateTime(numeric: string): DateTimeMention | undefined {
  const text = numeric.replace(/ /g, '');
  const offset = fromNowMs(text);
  if (offset !== undefined) return { fromNowMs: offset };
  const date = dateSpec(text);
  const time = timeSpec(text);
  if (date === undefined && time === undefined) return undefined;
  return { ...(date ? { date } : {}), ...(time ? { time } : {}) };
}
