import { refuseUnsupported } from './kql-query-error.js';
import { compareValues, type EvalRow, type KqlValue } from './kql-values.js';
import { evaluateScalar } from './evaluate-expression.js';
import { summarizeRows } from './summarize-rows.js';
import {
  getFirstTokenText,
  getNodeKind,
  listColumns,
  listElements,
  type KustoNode,
} from './kusto-syntax.js';

/**
 * Applies one query operator (the right side of a `|`) to the rows. `pipe` is the
 * PipeExpression, whose analyzed result type names the output columns.
 */
export function applyOperator(pipe: KustoNode, rows: EvalRow[], now: Date): EvalRow[] {
  const operator = pipe.Operator as KustoNode;
  refuseParameters(operator);
  switch (getNodeKind(operator)) {
    case 'FilterOperator':
      return rows.filter(
        (row) => evaluateScalar(operator.Condition as KustoNode, { row, now }) === true,
      );
    case 'TakeOperator':
      return rows.slice(0, readCount(operator, now));
    case 'SortOperator':
      return sortRows(rows, listElements(operator.Expressions), now);
    case 'TopOperator':
      return sortRows(rows, [operator.ByExpression as KustoNode], now).slice(
        0,
        readCount(operator, now),
      );
    case 'ProjectOperator':
      return projectRows(pipe, rows, now);
    case 'ExtendOperator':
      return extendRows(operator, rows, now);
    case 'SummarizeOperator':
      return summarizeRows(pipe, rows, now);
    case 'CountOperator':
      return [{ cells: { Count: rows.length }, ingestedAt: null }];
    default:
      return refuseUnsupported(`The '${getFirstTokenText(operator)}' operator`);
  }
}

/** Operator parameters (`hint.strategy=`, `kind=`) change meaning: refuse, never ignore. */
function refuseParameters(operator: KustoNode): void {
  if ((operator.Parameters?.Count ?? 0) > 0) {
    refuseUnsupported(`The parameter '${operator.Parameters!.getItem(0).toString().trim()}'`);
  }
}

function readCount(operator: KustoNode, now: Date): number {
  const empty: EvalRow = { cells: {}, ingestedAt: null };
  const value = evaluateScalar(operator.Expression as KustoNode, { row: empty, now });
  if (typeof value !== 'number' || value < 0) {
    return refuseUnsupported(`The row count '${operator.Expression?.toString().trim()}'`);
  }

  return Math.floor(value);
}

interface SortKey {
  expression: KustoNode;
  descending: boolean;
  nullsFirst: boolean;
}

function sortRows(rows: EvalRow[], orderings: KustoNode[], now: Date): EvalRow[] {
  const keys = orderings.map(readSortKey);
  const withValues = rows.map((row) => ({
    row,
    values: keys.map((key) => evaluateScalar(key.expression, { row, now })),
  }));
  withValues.sort((a, b) => {
    for (const [i, key] of keys.entries()) {
      const order = compareSortValues(a.values[i] ?? null, b.values[i] ?? null, key);
      if (order !== 0) return order;
    }

    return 0;
  });

  return withValues.map((entry) => entry.row);
}

function compareSortValues(a: KqlValue, b: KqlValue, key: SortKey): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === key.nullsFirst ? -1 : 1;
  }
  const order = compareValues(a, b);

  return key.descending ? -order : order;
}

/** Kusto sorts descending by default; nulls go last when descending, first when ascending. */
function readSortKey(node: KustoNode): SortKey {
  if (getNodeKind(node) !== 'OrderedExpression') {
    return { expression: node, descending: true, nullsFirst: false };
  }
  const ordering = node.Ordering;
  const descending = ordering?.AscOrDescKeyword?.Text !== 'asc';
  const nullsText = ordering?.NullsClause?.toString() ?? '';
  const nullsFirst = nullsText ? nullsText.includes('first') : !descending;

  return { expression: node.Expression as KustoNode, descending, nullsFirst };
}

function projectRows(pipe: KustoNode, rows: EvalRow[], now: Date): EvalRow[] {
  const expressions = listElements(pipe.Operator?.Expressions);
  const columns = listColumns(pipe.ResultType);
  if (columns.length !== expressions.length) {
    return refuseUnsupported(`The projection '${pipe.Operator?.toString().trim()}'`);
  }

  return rows.map((row) => {
    const cells: Record<string, KqlValue> = {};
    expressions.forEach((expression, i) => {
      const value =
        getNodeKind(expression) === 'SimpleNamedExpression' ? expression.Expression : expression;
      cells[columns[i]!.name] = evaluateScalar(value as KustoNode, { row, now });
    });

    return { cells, ingestedAt: row.ingestedAt };
  });
}

function extendRows(operator: KustoNode, rows: EvalRow[], now: Date): EvalRow[] {
  const assignments = listElements(operator.Expressions).map((expression) => {
    if (getNodeKind(expression) === 'SimpleNamedExpression') {
      return { name: expression.Name?.SimpleName ?? '', value: expression.Expression as KustoNode };
    }
    if (getNodeKind(expression) === 'NameReference') {
      return { name: expression.SimpleName ?? '', value: expression };
    }

    return refuseUnsupported(`The unnamed extend expression '${expression.toString().trim()}'`);
  });

  return rows.map((row) => {
    const cells = { ...row.cells };
    for (const { name, value } of assignments) {
      cells[name] = evaluateScalar(value, { row: { cells, ingestedAt: row.ingestedAt }, now });
    }

    return { cells, ingestedAt: row.ingestedAt };
  });
}
