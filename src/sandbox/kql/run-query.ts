import { SECURITY_ALERT_TABLE } from '../alerts/security-alert-schema.js';
import { KqlQueryError, refuseUnsupported } from './kql-query-error.js';
import {
  Dynamic,
  Timespan,
  formatTimespan,
  toKqlString,
  type EvalRow,
  type KqlValue,
} from './kql-values.js';
import { applyOperator } from './evaluate-operators.js';
import { getKustoAnalyzer } from './load-kusto.js';
import {
  getFirstTokenText,
  getNodeKind,
  listColumns,
  listElements,
  type KustoCode,
  type KustoNode,
} from './kusto-syntax.js';

/** A result table as the Log Analytics query API returns it. */
export interface QueryResultTable {
  name: string;
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
}

export interface RunQueryOptions {
  /** The workspace's SecurityAlert rows visible to this query (ingested, inside the timespan). */
  rows: EvalRow[];
  /** The query's `now()`, fixed for the whole query as in Kusto. */
  now: Date;
}

/**
 * Checks a KQL query with Microsoft's language service and evaluates it on the given rows.
 * Throws KqlQueryError for syntax and semantic errors (the service's own message) and for any
 * operator or function the sandbox does not evaluate (named in the message).
 */
export function runQuery(query: string, options: RunQueryOptions): QueryResultTable {
  const code = analyzeQuery(query);
  const statements = listElements(code.Syntax.Statements);
  if (statements.length !== 1 || getNodeKind(statements[0]!) !== 'ExpressionStatement') {
    const first = statements.find((s) => getNodeKind(s) !== 'ExpressionStatement');
    return refuseUnsupported(`The '${first ? getFirstTokenText(first) : ';'}' statement`);
  }
  const root = statements[0]!.Expression as KustoNode;
  const rows = evaluateTabular(root, options);
  const columns = listColumns(code.ResultType);

  return {
    name: 'PrimaryResult',
    columns,
    rows: rows.map((row) =>
      columns.map((column) => toWire(row.cells[column.name] ?? null, column.type)),
    ),
  };
}

function analyzeQuery(query: string): KustoCode {
  const analyzer = getKustoAnalyzer();
  const syntaxError = firstError(analyzer.parse(query));
  if (syntaxError) throw new KqlQueryError('SyntaxError', syntaxError.Message, syntaxError.Code);
  const code = analyzer.parseAndAnalyze(query);
  const semanticError = firstError(code);
  if (semanticError)
    throw new KqlQueryError('SemanticError', semanticError.Message, semanticError.Code);

  return code;
}

function firstError(code: KustoCode) {
  const diagnostics = code.GetDiagnostics();
  for (let i = 0; i < diagnostics.Count; i++) {
    const diagnostic = diagnostics.getItem(i);
    if (diagnostic.Severity === 'Error') return diagnostic;
  }

  return undefined;
}

function evaluateTabular(node: KustoNode, options: RunQueryOptions): EvalRow[] {
  const kind = getNodeKind(node);
  if (kind === 'PipeExpression') {
    const input = evaluateTabular(node.Expression as KustoNode, options);
    return applyOperator(node, input, options.now);
  }
  if (kind === 'ParenthesizedExpression')
    return evaluateTabular(node.Expression as KustoNode, options);
  if (kind === 'NameReference' && node.SimpleName === SECURITY_ALERT_TABLE) {
    return options.rows.map((row) => ({ cells: { ...row.cells }, ingestedAt: row.ingestedAt }));
  }
  if (kind === 'NameReference') return refuseUnsupported(`The table '${node.SimpleName}'`);

  return refuseUnsupported(`The '${getFirstTokenText(node)}' operator`);
}

/** Encodes a cell as the query API does: ISO datetimes, dynamic as JSON text, typed numbers. */
function toWire(value: KqlValue, type: string): unknown {
  if (value === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'datetime':
      return value instanceof Date ? value.toISOString() : null;
    case 'dynamic':
      return value instanceof Dynamic ? JSON.stringify(value.value) : JSON.stringify(value);
    case 'timespan':
      return value instanceof Timespan ? formatTimespan(value) : null;
    case 'long':
    case 'int':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'real':
      return typeof value === 'number' ? value : null;
    case 'bool':
      return typeof value === 'boolean' ? value : null;
    default:
      return toKqlString(value);
  }
}
