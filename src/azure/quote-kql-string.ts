import { BotError, ErrorCodes } from '../errors.js';

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * The only way a value enters a KQL query: as a double-quoted string literal with every
 * backslash, quote, newline, carriage return and tab escaped. Log Analytics has no query
 * parameters (F22), so this function plus strict validation of every value before it is called
 * is what keeps user text from changing a query.
 *
 * @throws BotError `QUERY_INVALID` for other control characters, which no valid filter contains.
 */
export function quoteKqlString(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
    throw new BotError(ErrorCodes.QueryInvalid, 'The value contains control characters.');
  }

  return `"${value.replace(/[\\"\n\r\t]/g, (char) => ESCAPES[char] ?? char)}"`;
}
