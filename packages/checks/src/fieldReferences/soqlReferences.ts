import {
  BoundExpressionContext,
  FieldNameContext,
  FromNameListContext,
  SelectEntryContext,
  SubFieldEntryContext,
  SubQueryContext,
  TypeOfContext,
  type ApexParseTree,
  type QueryContext,
} from '@apexdevtools/apex-parser';
import type { PathSegment, ReferenceChecker } from './referenceChecker.js';

function childrenOf(node: ApexParseTree): ApexParseTree[] {
  return (node as { children?: ApexParseTree[] | null }).children ?? [];
}

function segmentsOf(fieldName: FieldNameContext): PathSegment[] {
  return fieldName.soqlId_list().map((id) => ({ name: id.getText(), line: id.start.line, column: id.start.column + 1 }));
}

/** The alias of the first FROM entry (`FROM Account a`), if any. */
function fromAlias(from: FromNameListContext): string | undefined {
  const first = from.fieldName(0);
  if (!first?.stop) return undefined;
  const comma = from.COMMA(0)?.symbol.tokenIndex ?? Infinity;
  const alias = from.soqlId_list().find((id) => id.start.tokenIndex > first.stop!.tokenIndex && id.start.tokenIndex < comma);
  return alias?.getText();
}

/**
 * Checks the field references of one inline SOQL query (`[SELECT … FROM Obj …]`): the FROM
 * object when it is custom, and every field path in the select list, WHERE, WITH, GROUP BY,
 * HAVING and ORDER BY — relationship paths resolved through the lookups defined in source,
 * subqueries through their child relationship (select list) or FROM object (WHERE … IN), TYPEOF
 * branches on the object each WHEN names. Bind expressions (`:acc.Foo__c`) are Apex: they go
 * back to `walkApex`. Dynamic SOQL (Database.query strings) is out of reach of a parse tree and
 * is not checked.
 */
export function checkSoql(query: QueryContext, checker: ReferenceChecker, walkApex: (node: ApexParseTree) => void): void {
  checkQuery(query, fromObject(query.fromNameList(), checker), checker, walkApex);
}

/** The object a query's FROM names, reporting a custom one that objects/ lacks. */
function fromObject(from: FromNameListContext, checker: ReferenceChecker): string | undefined {
  const name = from.fieldName(0);
  if (!name || name.soqlId_list().length !== 1) return undefined;
  const [segment] = segmentsOf(name);
  checker.object(segment!.name, segment!, 'SOQL FROM');
  return checker.sobject(segment!.name);
}

function checkQuery(query: QueryContext | SubQueryContext, object: string | undefined, checker: ReferenceChecker, walkApex: (node: ApexParseTree) => void): void {
  const from = query.fromNameList();
  const prefixes = [object, fromAlias(from), from.fieldName(0)?.getText()].filter((p): p is string => Boolean(p)).map((p) => p.toLowerCase());

  const visit = (node: ApexParseTree): void => {
    if (node instanceof FromNameListContext) return;
    if (node instanceof BoundExpressionContext) return walkApex(node);
    if (node instanceof SubQueryContext) {
      const inSelect = node.parentCtx instanceof SelectEntryContext || node.parentCtx instanceof SubFieldEntryContext;
      const relationship = node.fromNameList().fieldName(0)?.getText();
      const child = inSelect ? (object && relationship ? checker.child(object, relationship) : undefined) : fromObject(node.fromNameList(), checker);
      return checkQuery(node, child, checker, walkApex);
    }
    if (node instanceof TypeOfContext) {
      for (const when of node.whenClause_list()) {
        const target = checker.sobject(when.fieldName().getText());
        if (target) for (const field of when.fieldNameList().fieldName_list()) checker.path(target, segmentsOf(field));
      }
      return;
    }
    if (node instanceof FieldNameContext) {
      if (!object) return;
      const segments = segmentsOf(node);
      // `SELECT a.Name FROM Account a` and `SELECT Account.Name FROM Account` name the FROM object first.
      if (segments.length > 1 && prefixes.includes(segments[0]!.name.toLowerCase())) segments.shift();
      return checker.path(object, segments);
    }
    childrenOf(node).forEach(visit);
  };
  childrenOf(query).forEach(visit);
}
