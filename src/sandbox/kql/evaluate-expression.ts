import { refuseUnsupported } from './kql-query-error.js';
import {
  Dynamic,
  Timespan,
  areEqual,
  compareValues,
  hasTerm,
  toKqlString,
  unwrap,
  type EvalRow,
  type KqlValue,
} from './kql-values.js';
import { getNodeKind, listElements, type KustoNode } from './kusto-syntax.js';

/** What a scalar expression sees: the current row and the query's fixed `now()`. */
export interface ScalarContext {
  row: EvalRow;
  now: Date;
}

/** Evaluates a scalar expression of the syntax tree on one row. */
export function evaluateScalar(node: KustoNode, context: ScalarContext): KqlValue {
  switch (getNodeKind(node)) {
    case 'LiteralExpression':
      return readLiteral(node);
    case 'NameReference':
      return readColumn(node, context.row);
    case 'ParenthesizedExpression':
      return evaluateScalar(node.Expression as KustoNode, context);
    case 'BinaryExpression':
      return evaluateBinary(node, context);
    case 'InExpression':
      return evaluateIn(node, context);
    case 'FunctionCallExpression':
      return callFunction(node, context);
    case 'ElementExpression':
      return readElement(node, context);
    case 'PathExpression':
      return readProperty(evaluateScalar(node.Expression as KustoNode, context), node.Selector);
    case 'PrefixUnaryExpression':
      return negate(node, context);
    default:
      return node.Operator?.Text
        ? refuseUnsupported(`The operator '${node.Operator.Text}'`)
        : refuseUnsupported(`The expression '${node.toString().trim()}'`);
  }
}

function readLiteral(node: KustoNode): KqlValue {
  const raw = node.LiteralValue as unknown;
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'object') return raw as string | number | boolean;
  const boxed = raw as { $boxed?: boolean; v?: unknown; ticks?: unknown; toNumber?: () => number };
  // Bridge.NET boxes longs as System.Int64 objects and timespans as `{ ticks }` (100 ns units).
  if (typeof boxed.toNumber === 'function') return boxed.toNumber();
  if (boxed.ticks !== undefined) return new Timespan(Number(boxed.ticks) / 10_000);
  const value = boxed.$boxed ? boxed.v : raw;
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }

  return refuseUnsupported(`The literal '${node.toString().trim()}'`);
}

function readColumn(node: KustoNode, row: EvalRow): KqlValue {
  const name = node.SimpleName ?? '';
  if (!(name in row.cells)) {
    return refuseUnsupported(`The name '${name}' (only columns can be referenced)`);
  }

  return row.cells[name] ?? null;
}

function evaluateBinary(node: KustoNode, context: ScalarContext): KqlValue {
  const op = node.Operator?.Text ?? '';
  const left = () => evaluateScalar(node.Left as KustoNode, context);
  const right = () => evaluateScalar(node.Right as KustoNode, context);
  if (op === 'and') return left() === true && right() === true;
  if (op === 'or') return left() === true || right() === true;
  const a = left();
  const b = right();
  switch (op) {
    case '==':
      return areEqual(a, b);
    case '!=':
      return negateNullable(areEqual(a, b));
    case '=~':
      return toKqlString(a).toLowerCase() === toKqlString(b).toLowerCase();
    case '!~':
      return toKqlString(a).toLowerCase() !== toKqlString(b).toLowerCase();
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareOrdered(op, a, b);
    case 'has':
      return hasTerm(toKqlString(a), toKqlString(b));
    case '!has':
      return !hasTerm(toKqlString(a), toKqlString(b));
    case 'contains':
      return toKqlString(a).toLowerCase().includes(toKqlString(b).toLowerCase());
    case '!contains':
      return !toKqlString(a).toLowerCase().includes(toKqlString(b).toLowerCase());
    case 'startswith':
      return toKqlString(a).toLowerCase().startsWith(toKqlString(b).toLowerCase());
    case '+':
    case '-':
      return addOrSubtract(op, a, b);
    default:
      return refuseUnsupported(`The operator '${op}'`);
  }
}

function negateNullable(value: boolean | null): boolean | null {
  return value === null ? null : !value;
}

function compareOrdered(op: string, a: KqlValue, b: KqlValue): boolean | null {
  if (unwrap(a) === null || unwrap(b) === null) return null;
  const order = compareValues(a, b);
  if (op === '<') return order < 0;
  if (op === '<=') return order <= 0;
  if (op === '>') return order > 0;

  return order >= 0;
}

function addOrSubtract(op: '+' | '-', a: KqlValue, b: KqlValue): KqlValue {
  const sign = op === '+' ? 1 : -1;
  if (a === null || b === null) return null;
  if (a instanceof Date && b instanceof Timespan) return new Date(a.getTime() + sign * b.ms);
  if (a instanceof Date && b instanceof Date && op === '-')
    return new Timespan(a.getTime() - b.getTime());
  if (a instanceof Timespan && b instanceof Timespan) return new Timespan(a.ms + sign * b.ms);
  if (typeof a === 'number' && typeof b === 'number') return a + sign * b;

  return refuseUnsupported(`The operator '${op}' on these operand types`);
}

function evaluateIn(node: KustoNode, context: ScalarContext): KqlValue {
  const op = node.Operator?.Text ?? '';
  const value = evaluateScalar(node.Left as KustoNode, context);
  const candidates = listElements(node.Right?.Expressions).map((item) =>
    evaluateScalar(item, context),
  );
  const ignoreCase = op.endsWith('~');
  const found = candidates.some((candidate) =>
    ignoreCase
      ? toKqlString(candidate).toLowerCase() === toKqlString(value).toLowerCase()
      : areEqual(candidate, value) === true,
  );
  if (op === 'in' || op === 'in~') return found;
  if (op === '!in' || op === '!in~') return !found;

  return refuseUnsupported(`The operator '${op}'`);
}

function callFunction(node: KustoNode, context: ScalarContext): KqlValue {
  const name = node.Name?.SimpleName ?? '';
  const args = listElements(node.ArgumentList?.Expressions);
  const arg = (index: number) => evaluateScalar(args[index] as KustoNode, context);
  switch (name) {
    case 'now':
      return args.length ? addOrSubtract('+', context.now, arg(0)) : new Date(context.now);
    case 'ago': {
      const span = arg(0);
      return span instanceof Timespan ? new Date(context.now.getTime() - span.ms) : null;
    }
    case 'ingestion_time':
      return context.row.ingestedAt ? new Date(context.row.ingestedAt) : null;
    case 'not': {
      const value = arg(0);
      return value === null ? null : value !== true;
    }
    case 'tostring':
      return toKqlString(arg(0));
    case 'tolower':
      return toKqlString(arg(0)).toLowerCase();
    case 'toupper':
      return toKqlString(arg(0)).toUpperCase();
    case 'isempty':
      return toKqlString(arg(0)) === '';
    case 'isnotempty':
      return toKqlString(arg(0)) !== '';
    case 'parse_json':
    case 'todynamic':
      return parseJson(arg(0));
    default:
      return refuseUnsupported(`The function '${name}()'`);
  }
}

/** `parse_json()`: JSON text becomes dynamic; text that is not JSON stays a dynamic string. */
function parseJson(value: KqlValue): KqlValue {
  if (value instanceof Dynamic || value === null) return value;
  if (typeof value !== 'string') return new Dynamic(value);
  try {
    return new Dynamic(JSON.parse(value));
  } catch {
    // Kusto keeps unparsable text as a string value rather than failing the query.
    return new Dynamic(value);
  }
}

function readElement(node: KustoNode, context: ScalarContext): KqlValue {
  const target = evaluateScalar(node.Expression as KustoNode, context);
  const selector = node.Selector as KustoNode;
  if (getNodeKind(selector) !== 'BracketedExpression') {
    return refuseUnsupported(`The element access '${node.toString().trim()}'`);
  }
  const key = unwrap(evaluateScalar(selector.Expression as KustoNode, context));

  return lookup(target, key);
}

function readProperty(target: KqlValue, selector: KustoNode | null | undefined): KqlValue {
  const key = selector?.SimpleName ?? (selector ? selector.toString().trim() : '');

  return lookup(target, key);
}

function lookup(target: KqlValue, key: KqlValue): KqlValue {
  if (!(target instanceof Dynamic) || target.value === null || typeof target.value !== 'object') {
    return null;
  }
  const container = target.value as Record<string, unknown>;
  const index =
    Array.isArray(container) && typeof key === 'number' && key < 0 ? container.length + key : key;
  const inner = container[String(index)];

  return inner === undefined ? null : new Dynamic(inner);
}

function negate(node: KustoNode, context: ScalarContext): KqlValue {
  const value = evaluateScalar(node.Expression as KustoNode, context);
  if (node.Operator?.Text !== '-') return value;
  if (typeof value === 'number') return -value;
  if (value instanceof Timespan) return new Timespan(-value.ms);

  return refuseUnsupported(`The unary '-' on '${node.toString().trim()}'`);
}
