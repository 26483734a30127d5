import { describe, expect, it } from 'vitest';
import { parseAlertFilters } from '../../../src/commands/parse-alert-filters.js';

describe('parseAlertFilters', () => {
  it('uses the defaults: last 24 h, top 10', () => {
    expect(parseAlertFilters('')).toEqual({
      hours: 24,
      top: 10,
      severity: undefined,
      subscription: undefined,
      hub: undefined,
    });
  });

  it.each([
    ['last 24h', { hours: 24 }],
    ['last 24 h', { hours: 24 }],
    ['last 7d', { hours: 168 }],
    ['LAST 2 days', { hours: 48 }],
    ['severity high', { severity: 'High' }],
    ['severity INFORMATIONAL', { severity: 'Informational' }],
    ['sub Contoso OT top 5', { subscription: 'Contoso OT', top: 5 }],
    ['hub contoso-ot-hub-weu', { hub: 'contoso-ot-hub-weu' }],
    ['top 50 severity low last 1h', { top: 50, severity: 'Low', hours: 1 }],
  ])('parses %j', (args, expected) => {
    expect(parseAlertFilters(args)).toMatchObject(expected);
  });

  it.each([
    ["device x' or 1==1 | union SigninLogs | take 1000 //", /filter "device"/],
    ["hub x' or 1==1", /not an IoT hub name/],
    ['hub a|b', /not an IoT hub name/],
    ['hub "quoted"', /not an IoT hub name/],
    ['hub back\\slash', /not an IoT hub name/],
    ['severity critical', /not a severity/],
    ['severity high; SigninLogs', /not a severity/],
    ['last 24', /not a time range/],
    ['last 0h', /not a time range/],
    ['last 91d', /at most 90 days/],
    ['top 51', /from 1 to 50/],
    ['top 0', /from 1 to 50/],
    ['top 5 top 6', /given twice/],
    ['severity', /needs a value/],
  ])('refuses %j with a clear message (F22)', (args, message) => {
    expect(() => parseAlertFilters(args)).toThrow(message);
  });
});
