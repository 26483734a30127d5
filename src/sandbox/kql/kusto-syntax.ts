/**
 * The narrow slice of Microsoft's Kusto language service (a Bridge.NET build of
 * Kusto.Language) that the sandbox uses. The package ships global typings only, so the members we
 * touch are declared here.
 */
export interface KustoSymbol {
  Name: string;
  Columns?: KustoList<KustoSymbol>;
  Type?: KustoSymbol;
}

export interface KustoList<T> {
  Count: number;
  getItem(index: number): T;
}

/** A syntax node or token; which members exist depends on the node's class. */
export interface KustoNode {
  ChildCount: number;
  GetChild(index: number): KustoNode | null;
  Text?: string;
  ResultType?: KustoSymbol | null;
  ReferencedSymbol?: KustoSymbol | null;
  SimpleName?: string;
  LiteralValue?: unknown;
  Token?: KustoNode | null;
  Expression?: KustoNode | null;
  Operator?: KustoNode | null;
  Left?: KustoNode | null;
  Right?: KustoNode | null;
  Condition?: KustoNode | null;
  Name?: KustoNode | null;
  ArgumentList?: KustoNode | null;
  Expressions?: KustoList<KustoNode> | null;
  Selector?: KustoNode | null;
  Ordering?: KustoNode | null;
  AscOrDescKeyword?: KustoNode | null;
  NullsClause?: KustoNode | null;
  Keyword?: KustoNode | null;
  ByExpression?: KustoNode | null;
  Aggregates?: KustoList<KustoNode> | null;
  ByClause?: KustoNode | null;
  BinClause?: KustoNode | null;
  Parameters?: KustoList<KustoNode> | null;
  Element?: KustoNode | null;
  Statements?: KustoList<KustoNode> | null;
  Statement?: KustoNode | null;
}

export interface KustoDiagnostic {
  Code: string;
  Severity: string;
  Message: string;
  Start: number;
  Length: number;
}

export interface KustoCode {
  Syntax: KustoNode;
  ResultType: KustoSymbol | null;
  GetDiagnostics(): KustoList<KustoDiagnostic>;
}

/** The class of a node without its namespace, e.g. `FilterOperator`, `BinaryExpression`. */
export function getNodeKind(node: KustoNode): string {
  const name = (node.constructor as { $$name?: string }).$$name ?? '';
  const plain = name.replace(/\$.*$/, '');

  return plain.slice(plain.lastIndexOf('.') + 1);
}

/** The elements of a separated list (`a, b, c`), without the separators. */
export function listElements(list: KustoList<KustoNode> | null | undefined): KustoNode[] {
  const items: KustoNode[] = [];
  for (let i = 0; i < (list?.Count ?? 0); i++) {
    const item = list!.getItem(i);
    items.push(getNodeKind(item) === 'SeparatedElement' ? (item.Element as KustoNode) : item);
  }

  return items;
}

/** The text of the first token under a node: the keyword of an operator (`mv-expand`, `join`). */
export function getFirstTokenText(node: KustoNode): string {
  if (node.Text !== undefined && node.ChildCount === 0) return node.Text;
  for (let i = 0; i < node.ChildCount; i++) {
    const child = node.GetChild(i);
    const text = child ? getFirstTokenText(child) : '';
    if (text) return text;
  }

  return '';
}

/** Names and types of a tabular result symbol's columns. */
export function listColumns(
  symbol: KustoSymbol | null | undefined,
): Array<{ name: string; type: string }> {
  const columns: Array<{ name: string; type: string }> = [];
  for (let i = 0; i < (symbol?.Columns?.Count ?? 0); i++) {
    const column = symbol!.Columns!.getItem(i);
    columns.push({ name: column.Name, type: column.Type?.Name ?? 'string' });
  }

  return columns;
}
