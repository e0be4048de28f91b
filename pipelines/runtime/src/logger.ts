// Structured JSON log lines. Fields are for ids, counts and codes: callers never pass payload
// content (numbers, names, transcripts, DTMF), so PII cannot reach a log line by accident
// through this API — values of keys that look like PII are redacted as a second line of defence.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

// Keys whose values are personal data: phone numbers, people's names, what was said or typed.
const PII_KEY = /(number|caller|callee|phone|^name$|(customer|person|first|last|full|user)name|text|transcript|digits?$|dtmf|email|address|payload)/i;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  if (value in LEVELS) return value as LogLevel;
  throw new Error(`LOG_LEVEL must be one of ${Object.keys(LEVELS).join(', ')}`);
}

export function createLogger(
  component: string,
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  base: LogFields = {},
): Logger {
  const min = LEVELS[level];
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields): void => {
    if (LEVELS[lvl] < min) return;
    const out: Record<string, string | number | boolean> = { t: Date.now(), level: lvl, component, msg };
    for (const [k, v] of Object.entries({ ...base, ...fields })) {
      if (v === undefined) continue;
      out[k] = PII_KEY.test(k) ? '[redacted]' : v;
    }
    write(JSON.stringify(out));
  };
  return {
    debug: (m, f) => { emit('debug', m, f); },
    info: (m, f) => { emit('info', m, f); },
    warn: (m, f) => { emit('warn', m, f); },
    error: (m, f) => { emit('error', m, f); },
    child: (fields) => createLogger(component, level, write, { ...base, ...fields }),
  };
}
