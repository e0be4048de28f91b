// What a date/time grammar recognised, independent of the language it was said in, and its
// resolution against the reference instant (the utterance's time) in the pack's time zone.
import { dayNumber, daysInMonth, isoLocal, wallClockAt, weekdayOf } from './wall-clock';

export type DateSpec =
  /** today + days ("tomorrow", "后天", "in 3 days"). */
  | { readonly kind: 'offset'; readonly days: number }
  /** The next such weekday from today on ("friday", "this friday", "周五"). */
  | { readonly kind: 'coming'; readonly weekday: number }
  /** The most recent such weekday before today ("last friday"). */
  | { readonly kind: 'previous'; readonly weekday: number }
  /** The weekday in a calendar week (Monday first) relative to this one: "下周五" is +1, "next monday" too. */
  | { readonly kind: 'week'; readonly weekday: number; readonly weeks: number }
  /** A day of a month; a missing month or year is the one nearest the reference date. */
  | { readonly kind: 'calendar'; readonly day: number; readonly month?: number; readonly year?: number };

/** Which half of the day an hour is in, when the caller said so. */
export type DayPeriod = 'am' | 'pm' | 'noon' | 'night';

export interface TimeSpec {
  readonly hour: number;
  readonly minute: number;
  readonly period?: DayPeriod;
}

export interface DateTimeMention {
  readonly date?: DateSpec;
  readonly time?: TimeSpec;
  /** "in two hours", "半小时后": an offset from the reference instant. */
  readonly fromNowMs?: number;
}

const MS_PER_MINUTE = 60_000;
// Without "am"/"pm", an hour from 1 to 6 is taken as afternoon: callers arrange deliveries and
// call-backs in business hours, and "at three" means 15:00 far more often than 03:00.
const LAST_AFTERNOON_HOUR_WITHOUT_PERIOD = 6;

function hour24(time: TimeSpec): number {
  const h = time.hour;
  if (h > 12) return h;
  switch (time.period) {
    case 'am': return h === 12 ? 0 : h;
    case 'pm': return h === 12 ? 12 : h + 12;
    case 'noon': return h <= 2 ? h + 12 : h;
    case 'night': return h === 12 ? 24 : h < 5 ? h : h + 12; // "12 at night" is the midnight that ends the day
    case undefined: return h >= 1 && h <= LAST_AFTERNOON_HOUR_WITHOUT_PERIOD ? h + 12 : h;
  }
}

function nearestCalendarDay(spec: { day: number; month?: number; year?: number }, today: number): number | undefined {
  const ref = new Date(today * 86_400_000);
  const refYear = ref.getUTCFullYear();
  const refMonth = ref.getUTCMonth() + 1;
  const candidates: number[] = [];
  const years = spec.year !== undefined ? [spec.year] : [refYear - 1, refYear, refYear + 1];
  for (const year of years) {
    const months = spec.month !== undefined ? [spec.month] : [refMonth - 1, refMonth, refMonth + 1];
    for (const m of months) {
      const y = year + Math.floor((m - 1) / 12);
      const month = ((((m - 1) % 12) + 12) % 12) + 1;
      if (spec.day >= 1 && spec.day <= daysInMonth(y, month)) candidates.push(dayNumber(y, month, spec.day));
    }
  }
  let best: number | undefined;
  for (const c of candidates) if (best === undefined || Math.abs(c - today) < Math.abs(best - today)) best = c;
  return best;
}

function resolveDate(spec: DateSpec, today: number): number | undefined {
  const weekday = weekdayOf(today);
  switch (spec.kind) {
    case 'offset': return today + spec.days;
    case 'coming': return today + ((spec.weekday - weekday + 7) % 7);
    case 'previous': return today - ((weekday - spec.weekday + 7) % 7 || 7);
    case 'week': {
      const monday = today - ((weekday + 6) % 7);
      return monday + 7 * spec.weeks + ((spec.weekday + 6) % 7);
    }
    case 'calendar': return nearestCalendarDay(spec, today);
  }
}

/** ISO local date ("2026-11-27") or date-time ("2026-11-27T15:00"); undefined when it names no real day. */
export function resolveDateTime(mention: DateTimeMention, referenceTimeMs: number, timeZone: string): string | undefined {
  if (mention.fromNowMs !== undefined) {
    const at = wallClockAt(referenceTimeMs + mention.fromNowMs, timeZone);
    return isoLocal(at.day, at);
  }
  const now = wallClockAt(referenceTimeMs, timeZone);
  const day = mention.date === undefined ? now.day : resolveDate(mention.date, now.day);
  if (day === undefined) return undefined;
  if (mention.time === undefined) return mention.date === undefined ? undefined : isoLocal(day);
  const hour = hour24(mention.time);
  if (hour === 24 && mention.time.minute === 0) return isoLocal(day + 1, { hour: 0, minute: 0 });
  const time = { hour, minute: mention.time.minute };
  if (time.hour > 23 || time.minute > 59) return undefined;
  // A time alone is the next such time: "at three" said at four means tomorrow.
  const laterToday = time.hour * 60 + time.minute > now.hour * 60 + now.minute;
  const resolvedDay = mention.date === undefined && !laterToday ? day + 1 : day;
  return isoLocal(resolvedDay, time);
}

export const minutesMs = (minutes: number): number => minutes * MS_PER_MINUTE;
