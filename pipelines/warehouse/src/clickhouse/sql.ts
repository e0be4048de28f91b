// Safe SQL text for ClickHouse 18.16 and current engines alike. 18.16 has no query parameters,
// so identifiers are validated and literals are escaped here, in one place.
import { SwitchboardError } from '@switchboard/runtime';

const IDENTIFIER = /^[A-Za-z_0-9]{1,128}$/;

/** `name` in backquotes; only [A-Za-z0-9_] is accepted, so nothing can break out of the quotes. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new SwitchboardError('INVALID_ARGUMENT', 'a ClickHouse identifier may hold only letters, digits and "_"');
  return `\`${name}\``;
}

/** `database`.`table`, both validated. */
export function qualified(database: string, table: string): string {
  return `${quoteIdentifier(database)}.${quoteIdentifier(table)}`;
}

/** A single-quoted string literal: backslash and quote are escaped (both engines read C-style escapes). */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `('a', 'b')` for an IN clause. `IN ()` is a syntax error, so callers handle empty lists first. */
export function stringList(values: readonly string[]): string {
  if (values.length === 0) throw new SwitchboardError('INVALID_ARGUMENT', 'an IN list needs at least one value');
  return `(${values.map(quoteString).join(', ')})`;
}
