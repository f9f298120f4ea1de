import type { ConditionWithValueQuery, NegationCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { malformed, unexpectedToken } from './errors.js';

/** A comparison (field or function against values); NOT and parentheses live in the tree. */
export type LeafCondition = Exclude<ConditionWithValueQuery, NegationCondition>;

/** A WHERE/HAVING clause as a tree (the parser hands over a flat chain with paren counts). */
export type FilterNode =
  | { kind: 'and' | 'or'; items: FilterNode[] }
  | { kind: 'not'; item: FilterNode }
  | { kind: 'leaf'; condition: LeafCondition };

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: LeafCondition };

interface ChainLink {
  left: unknown;
  operator?: string;
  right?: ChainLink;
}

function isCondition(left: unknown): left is LeafCondition {
  return typeof left === 'object' && left !== null && ('field' in left || 'fn' in left);
}

function tokenize(where: ChainLink): Token[] {
  const tokens: Token[] = [];
  for (let link: ChainLink | undefined = where; link; link = link.right) {
    const left = link.left as { openParen?: number; closeParen?: number } | null;
    for (let i = 0; i < (left?.openParen ?? 0); i++) tokens.push('(');
    if (isCondition(left)) {
      tokens.push({ condition: left });
      for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push(')');
    }
    const op = link.operator?.toUpperCase();
    if (op === 'AND' || op === 'OR' || op === 'NOT') tokens.push(op);
    else if (op !== undefined) throw unexpectedToken(op);
  }
  return tokens;
}

/**
 * Rebuilds the tree with SOQL's rules: parentheses group, NOT applies to the next operand, and
 * AND and OR may not be mixed at one level without parentheses (Salesforce refuses that too).
 */
export function buildFilterTree(where: WhereClause): FilterNode {
  const tokens = tokenize(where as unknown as ChainLink);
  let pos = 0;

  const expression = (): FilterNode => {
    const first = operand();
    let op: 'AND' | 'OR' | undefined;
    const items = [first];
    for (let t = tokens[pos]; t === 'AND' || t === 'OR'; t = tokens[pos]) {
      if (op && op !== t) throw unexpectedToken(t);
      op = t;
      pos++;
      items.push(operand());
    }
    return op ? { kind: op === 'AND' ? 'and' : 'or', items } : first;
  };

  const operand = (): FilterNode => {
    const t = tokens[pos++];
    if (t === undefined) throw malformed('unexpected end of WHERE clause');
    if (t === 'NOT') return { kind: 'not', item: operand() };
    if (t === '(') {
      const inner = expression();
      if (tokens[pos++] !== ')') throw malformed('unbalanced parentheses in WHERE clause');
      return inner;
    }
    if (typeof t === 'object') return { kind: 'leaf', condition: t.condition };
    throw unexpectedToken(t);
  };

  const tree = expression();
  const rest = tokens[pos];
  if (rest !== undefined) throw unexpectedToken(typeof rest === 'string' ? rest : 'condition');
  return tree;
}
