import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { quoteKqlString } from '../../../src/azure/quote-kql-string.js';
import { buildAlertQuery } from '../../../src/azure/query-iot-alerts.js';

// Microsoft's own KQL parser tells what a literal means to Log Analytics.
const require = createRequire(import.meta.url);
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
const Kusto = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;

interface KustoNode {
  ChildCount: number;
  GetChild(index: number): KustoNode | null;
  LiteralValue?: unknown;
}
interface KustoLanguage {
  KustoCode: {
    Parse(text: string): { Syntax: KustoNode; GetDiagnostics(): { Count: number } };
  };
  Syntax: { LiteralExpression: new () => KustoNode; PipeExpression: new () => KustoNode };
}

function parse(query: string) {
  const code = Kusto.KustoCode.Parse(query);
  const literals: unknown[] = [];
  let pipes = 0;
  const walk = (node: KustoNode | null) => {
    if (!node) return;
    if (node instanceof Kusto.Syntax.LiteralExpression) literals.push(node.LiteralValue);
    if (node instanceof Kusto.Syntax.PipeExpression) pipes += 1;
    for (let i = 0; i < node.ChildCount; i += 1) walk(node.GetChild(i));
  };
  walk(code.Syntax);

  return { literals, pipes, errors: code.GetDiagnostics().Count };
}

describe('quoteKqlString (F22)', () => {
  it.each([
    ['plain', 'contoso-ot-hub-weu'],
    ['a single quote', "x' or 1==1 | union SigninLogs | take 1000 //"],
    ['a double quote', 'say "hi"'],
    ['a backslash', 'C:\\temp\\'],
    ['a trailing backslash before a quote', 'end\\"'],
    ['newline, CR and tab', 'a\nb\rc\td'],
    ['a semicolon and pipe', '; SecurityAlert | take 1'],
    ['non-Latin text', 'Ölpumpe 油泵 مضخة'],
    ['an empty string', ''],
  ])('round-trips %s as one literal with its exact value', (_name, value) => {
    const parsed = parse(`print v = ${quoteKqlString(value)}`);

    expect(parsed.errors).toBe(0);
    expect(parsed.pipes).toBe(0);
    expect(parsed.literals).toEqual([value]);
  });

  it('refuses control characters no filter contains', () => {
    expect(() => quoteKqlString('a\u0000b')).toThrow(
      expect.objectContaining({ code: 'QUERY_INVALID' }),
    );
  });
});

describe('buildAlertQuery', () => {
  it('adds one where clause per filter and nothing from outside the literals', () => {
    const subscriptionId = '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4';
    const hubId =
      `/subscriptions/${subscriptionId}/resourceGroups/rg` +
      '/providers/Microsoft.Devices/IotHubs/hub"x';
    const query = buildAlertQuery({
      hours: 48,
      severity: 'High',
      subscriptionId,
      hubId,
      top: 10,
    });
    const parsed = parse(query);

    expect(parsed.errors).toBe(0);
    expect(parsed.literals).toContain('High');
    expect(parsed.literals).toContain(hubId);
    expect(query.split('\n')).toEqual([
      'SecurityAlert',
      '| where ProductName == "Azure Security Center for IoT"',
      '| where TimeGenerated > ago(48h)',
      '| where AlertSeverity == "High"',
      `| where ResourceId startswith "/subscriptions/${subscriptionId}/"`,
      `| where ResourceId =~ "/subscriptions/${subscriptionId}/resourceGroups/rg` +
        '/providers/Microsoft.Devices/IotHubs/hub\\"x"',
      '| summarize arg_max(TimeGenerated, *) by SystemAlertId',
    ]);
  });
});
