import { refuseUnsupported } from './kql-query-error.js';
import { compareValues, toKqlString, type EvalRow, type KqlValue } from './kql-values.js';
import { evaluateScalar } from './evaluate-expression.js';
import { getNodeKind, listColumns, listElements, type KustoNode } from './kusto-syntax.js';

interface Group {
  keys: KqlValue[];
  rows: EvalRow[];
}

/**
 * `summarize <aggregates> [by <keys>]`. Output column names come from the analyzer's result type,
 * which already applies Kusto's naming (`count_`, `max_TimeGenerated`, `arg_max(.., *)` columns).
 */
export function summarizeRows(pipe: KustoNode, rows: EvalRow[], now: Date): EvalRow[] {
  const operator = pipe.Operator as KustoNode;
  if (operator.ByClause?.BinClause) refuseUnsupported("The summarize 'bin' clause");
  const keyExpressions = listElements(operator.ByClause?.Expressions).map(unwrapNamed);
  const aggregates = listElements(operator.Aggregates).map(unwrapNamed);
  const names = listColumns(pipe.ResultType).map((column) => column.name);
  const widths = aggregates.map(getAggregateWidth);
  if (names.length !== keyExpressions.length + widths.reduce((sum, width) => sum + width, 0)) {
    return refuseUnsupported(`The summarize '${operator.toString().trim()}'`);
  }

  const groups = groupRows(rows, keyExpressions, now);

  return groups.map((group) => {
    const cells: Record<string, KqlValue> = {};
    keyExpressions.forEach((_, i) => (cells[names[i]!] = group.keys[i] ?? null));
    let column = keyExpressions.length;
    aggregates.forEach((aggregate, i) => {
      const width = widths[i]!;
      const values = computeAggregate(aggregate, group.rows, now);
      names.slice(column, column + width).forEach((name, j) => (cells[name] = values(name, j)));
      column += width;
    });

    return { cells, ingestedAt: null };
  });

  function unwrapNamed(node: KustoNode): KustoNode {
    return getNodeKind(node) === 'SimpleNamedExpression' ? (node.Expression as KustoNode) : node;
  }

  function getAggregateWidth(node: KustoNode): number {
    return node.ResultType?.Columns?.Count ?? 1;
  }
}

function groupRows(rows: EvalRow[], keyExpressions: KustoNode[], now: Date): Group[] {
  if (keyExpressions.length === 0) return [{ keys: [], rows }];
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const keys = keyExpressions.map((expression) => evaluateScalar(expression, { row, now }));
    const id = JSON.stringify(keys.map((key) => (key === null ? null : toKqlString(key))));
    const group = groups.get(id) ?? { keys, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }

  return [...groups.values()];
}

function computeAggregate(
  node: KustoNode,
  rows: EvalRow[],
  now: Date,
): (name: string, index: number) => KqlValue {
  if (getNodeKind(node) !== 'FunctionCallExpression') {
    return refuseUnsupported(`The aggregate '${node.toString().trim()}'`);
  }
  const name = node.Name?.SimpleName ?? '';
  const args = listElements(node.ArgumentList?.Expressions);
  const valueOf = (row: EvalRow, index = 0) =>
    evaluateScalar(args[index] as KustoNode, { row, now });
  switch (name) {
    case 'count':
      return () => rows.length;
    case 'max':
    case 'min': {
      const best = pickExtreme(rows, (row) => valueOf(row), name === 'max');
      return () => (best ? valueOf(best) : null);
    }
    case 'arg_max':
    case 'arg_min': {
      const best = pickExtreme(rows, (row) => valueOf(row), name === 'arg_max');
      const star = args.length === 2 && getNodeKind(args[1] as KustoNode) === 'StarExpression';
      return (column, index) => {
        if (!best) return null;
        if (index === 0) return valueOf(best);
        if (star) return best.cells[column] ?? null;
        const extra = args[index] as KustoNode;
        const inner = getNodeKind(extra) === 'SimpleNamedExpression' ? extra.Expression : extra;
        return evaluateScalar(inner as KustoNode, { row: best, now });
      };
    }
    default:
      return refuseUnsupported(`The aggregate function '${name}()'`);
  }
}

function pickExtreme(
  rows: EvalRow[],
  read: (row: EvalRow) => KqlValue,
  max: boolean,
): EvalRow | null {
  let best: EvalRow | null = null;
  let bestValue: KqlValue = null;
  for (const row of rows) {
    const value = read(row);
    if (value === null) continue;
    const order = bestValue === null ? 1 : compareValues(value, bestValue);
    if (best === null || (max ? order > 0 : order < 0)) {
      best = row;
      bestValue = value;
    }
  }

  return best;
}
