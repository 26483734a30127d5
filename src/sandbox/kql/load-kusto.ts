import { createRequire } from 'node:module';
import { SECURITY_ALERT_COLUMNS, SECURITY_ALERT_TABLE } from '../alerts/security-alert-schema.js';
import type { KustoCode } from './kusto-syntax.js';

/** What the sandbox needs from the Kusto language service, bound to the SecurityAlert schema. */
export interface KustoAnalyzer {
  /** Parses only: diagnostics here are syntax errors. */
  parse(query: string): KustoCode;
  /** Parses and binds names and types against the workspace schema. */
  parseAndAnalyze(query: string): KustoCode;
}

interface KustoLanguageModule {
  KustoCode: {
    Parse(text: string, globals: unknown): KustoCode;
    ParseAndAnalyze(text: string, globals: unknown): KustoCode;
  };
  GlobalState: { Default: { WithDatabase(database: unknown): unknown } };
  Symbols: {
    ColumnSymbol: new (name: string, type: unknown) => unknown;
    TableSymbol: { $ctor4: new (name: string, columns: unknown[]) => unknown };
    DatabaseSymbol: { ctor: new (name: string, tables: unknown[]) => unknown };
    ScalarTypes: Record<string, unknown>;
  };
}

const SCALAR_TYPE_NAMES = {
  string: 'String',
  datetime: 'DateTime',
  real: 'Real',
  bool: 'Bool',
  long: 'Long',
} as const;

let analyzer: KustoAnalyzer | undefined;

/**
 * Loads the Kusto language service on first use and keeps it for the life of the process: the
 * load takes a noticeable fraction of a second and the package is large, so only processes that
 * actually check a query pay for it.
 */
export function getKustoAnalyzer(): KustoAnalyzer {
  if (analyzer) return analyzer;
  const require = createRequire(import.meta.url);
  // The package is a Bridge.NET build: the runtime must be loaded first; both define globals.
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const language = (globalThis as unknown as { Kusto: { Language: KustoLanguageModule } }).Kusto
    .Language;
  const { Symbols } = language;
  const columns = SECURITY_ALERT_COLUMNS.map(
    ([name, type]) => new Symbols.ColumnSymbol(name, Symbols.ScalarTypes[SCALAR_TYPE_NAMES[type]]),
  );
  const table = new Symbols.TableSymbol.$ctor4(SECURITY_ALERT_TABLE, columns);
  const database = new Symbols.DatabaseSymbol.ctor('workspace', [table]);
  const globals = language.GlobalState.Default.WithDatabase(database);
  analyzer = {
    parse: (query) => language.KustoCode.Parse(query, globals),
    parseAndAnalyze: (query) => language.KustoCode.ParseAndAnalyze(query, globals),
  };

  return analyzer;
}
