// English date/time phrases as callers say them, read from the numeric view ("tomorrow at 3
// pm", "next monday", "november 25th", "in 2 hours", "half past 4").
import { minutesMs, type DateSpec, type DateTimeMention, type DayPeriod, type TimeSpec } from './date-time-mention';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = `(${[...MONTHS, ...MONTH_ABBREVIATIONS, 'sept'].join('|')})`;
const ORDINAL = '(?:st|nd|rd|th)?';
const AMOUNT = '(\\d+|a|an|one)';

function monthNumber(name: string): number {
  if (name === 'sept') return 9;
  const full = MONTHS.indexOf(name);
  return full >= 0 ? full + 1 : MONTH_ABBREVIATIONS.indexOf(name) + 1;
}

const amount = (word: string): number => (/^\d+$/.test(word) ? Number(word) : 1);

function dateSpec(text: string): DateSpec | undefined {
  if (/\b(?:the )?day after tomorrow\b/.test(text)) return { kind: 'offset', days: 2 };
  if (/\b(?:the )?day before yesterday\b/.test(text)) return { kind: 'offset', days: -2 };
  if (/\btomorrow\b/.test(text)) return { kind: 'offset', days: 1 };
  if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(text)) return { kind: 'offset', days: 0 };
  if (/\byesterday\b/.test(text)) return { kind: 'offset', days: -1 };
  let m = new RegExp(`\\b(?:in ${AMOUNT} (day|week)s?|${AMOUNT} (day|week)s? from (?:now|today))\\b`).exec(text);
  if (m) return { kind: 'offset', days: amount(m[1] ?? m[3]!) * ((m[2] ?? m[4]) === 'week' ? 7 : 1) };
  m = new RegExp(`\\b${AMOUNT} (day|week)s? ago\\b`).exec(text);
  if (m) return { kind: 'offset', days: -amount(m[1]!) * (m[2] === 'week' ? 7 : 1) };
  m = new RegExp(`\\b${MONTH} (?:the )?(\\d{1,2})${ORDINAL}(?: (\\d{4}))?\\b`).exec(text);
  if (m) return { kind: 'calendar', month: monthNumber(m[1]!), day: Number(m[2]), ...(m[3] ? { year: Number(m[3]) } : {}) };
  m = new RegExp(`\\b(?:the )?(\\d{1,2})${ORDINAL} of ${MONTH}(?: (\\d{4}))?\\b`).exec(text);
  if (m) return { kind: 'calendar', day: Number(m[1]), month: monthNumber(m[2]!), ...(m[3] ? { year: Number(m[3]) } : {}) };
  m = new RegExp(`\\b(?:(this|next|last|coming) )?(${WEEKDAYS.join('|')})s?\\b`).exec(text);
  if (m) {
    const weekday = WEEKDAYS.indexOf(m[2]!);
    if (m[1] === 'next') return { kind: 'week', weekday, weeks: 1 };
    if (m[1] === 'last') return { kind: 'previous', weekday };
    return { kind: 'coming', weekday };
  }
  m = /\bon the (\d{1,2})(?:st|nd|rd|th)\b/.exec(text);
  if (m) return { kind: 'calendar', day: Number(m[1]) };
  return undefined;
}

function periodOf(text: string): DayPeriod | undefined {
  if (/\b(?:am|a m|in the morning|this morning|morning)\b/.test(text)) return 'am';
  if (/\b(?:pm|p m|in the afternoon|this afternoon|afternoon|in the evening|this evening|evening)\b/.test(text)) return 'pm';
  if (/\b(?:tonight|at night)\b/.test(text)) return 'night';
  return undefined;
}

function timeSpec(text: string): TimeSpec | undefined {
  const period = periodOf(text);
  const withPeriod = (hour: number, minute: number): TimeSpec => (period === undefined ? { hour, minute } : { hour, minute, period });
  if (/\b(?:noon|midday)\b/.test(text)) return { hour: 12, minute: 0, period: 'pm' };
  if (/\bmidnight\b/.test(text)) return { hour: 12, minute: 0, period: 'night' };
  let m = /\bhalf past (\d{1,2})\b/.exec(text);
  if (m) return withPeriod(Number(m[1]), 30);
  m = /\bquarter past (\d{1,2})\b/.exec(text);
  if (m) return withPeriod(Number(m[1]), 15);
  m = /\bquarter to (\d{1,2})\b/.exec(text);
  if (m) return withPeriod((Number(m[1]) + 11) % 12 || 12, 45);
  // A digit before the hour means a longer number ("5 5 5 1 2 pm" is no time); same after "at 1".
  m = /(?<!\d )\b(\d{1,2})(?: (\d{2}))? ?(?:am|a m|pm|p m|oclock|o clock)\b/.exec(text) ?? /\bat (\d{1,2})(?: (\d{2}))?(?! ?\d)\b(?! (?:day|week|month|year|item|order)s?\b)/.exec(text);
  if (m) return withPeriod(Number(m[1]), m[2] === undefined ? 0 : Number(m[2]));
  return undefined;
}

function fromNowMs(text: string): number | undefined {
  if (/\bin (?:half an|a half) hour\b/.test(text)) return minutesMs(30);
  const m = new RegExp(`\\bin ${AMOUNT} (hour|minute|min)s?\\b`).exec(text);
  if (m) return minutesMs(amount(m[1]!) * (m[2] === 'hour' ? 60 : 1));
  return undefined;
}

/** The date/time an English utterance names, if any (input: the numeric view). */
export function englishDateTime(numeric: string): DateTimeMention | undefined {
  const offset = fromNowMs(numeric);
  if (offset !== undefined) return { fromNowMs: offset };
  const date = dateSpec(numeric);
  const time = timeSpec(numeric);
  if (date === undefined && time === undefined) return undefined;
  return { ...(date ? { date } : {}), ...(time ? { time } : {}) };
}
