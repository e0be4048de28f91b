// Calendar arithmetic in a time zone without a date library: an instant becomes the wall-clock
// date and time there (Intl does the zone rules), and dates are day numbers (days since
// 1970-01-01), so "+3 days" and weekdays are plain integer arithmetic.

export interface WallClock {
  /** Days since 1970-01-01 of the local date. */
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return { day: dayNumber(year, month, day), hour: hour % 24, minute };
}

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function dateOf(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 local date, or local date and time to the minute: "2026-11-27", "2026-11-27T15:00". */
export function isoLocal(day: number, time?: { hour: number; minute: number }): string {
  const d = dateOf(day);
  const date = `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;
  return time === undefined ? date : `${date}T${pad(time.hour)}:${pad(time.minute)}`;
}
