/**
 * The cost bound of an expression. The API server estimates each expression's worst-case cost from
 * the schema of its variables and refuses one over budget; offline there is no schema, so the bound
 * is the expression's size times the input's size for every level of nested comprehension
 * (`all`, `exists`, `map`, `filter`...), checked before each evaluation. An expression over it is an
 * evaluation error, handled by the policy's failurePolicy
 * (https://kubernetes.io/docs/reference/using-api/cel/#resource-constraints).
 */

/** The per-expression budget, the API server's per-call limit (1,000,000 cost units). */
export const COST_BUDGET = 1_000_000;

const LOOPS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter']);

interface AstNode {
  op: string;
  args: unknown;
}

/** The size of an expression and how deeply its comprehensions nest. */
export interface ExpressionShape {
  nodes: number;
  loopDepth: number;
}

function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as AstNode).op === 'string';
}

function children(value: unknown, out: AstNode[]): AstNode[] {
  if (isNode(value)) out.push(value);
  else if (Array.isArray(value)) for (const item of value) children(item, out);
  return out;
}

/** Measures a parsed expression (cel-js's `parse(...).ast`). */
export function expressionShape(ast: unknown): ExpressionShape {
  let nodes = 0;
  let loopDepth = 0;
  const visit = (node: AstNode, depth: number): void => {
    nodes++;
    loopDepth = Math.max(loopDepth, depth);
    const args = node.args;
    if (node.op === 'rcall' && Array.isArray(args) && LOOPS.has(args[0] as string)) {
      for (const child of children(args[1], [])) visit(child, depth);
      for (const child of children(args[2], [])) visit(child, depth + 1);
      return;
    }
    for (const child of children(args, [])) visit(child, depth);
  };
  if (isNode(ast)) visit(ast, 0);
  return { nodes, loopDepth };
}

/** The estimated cost of an expression on an input of the given size. */
export function estimatedCost(shape: ExpressionShape, inputSize: number): number {
  return shape.nodes * Math.max(1, inputSize) ** shape.loopDepth;
}
