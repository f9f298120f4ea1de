import {
  ApexErrorListener,
  ApexParserFactory,
  ArrayExpressionContext,
  BlockContext,
  CastExpressionContext,
  CatchClauseContext,
  ClassBodyContext,
  ConstructorDeclarationContext,
  DotExpressionContext,
  EnhancedForControlContext,
  ForStatementContext,
  IdPrimaryContext,
  LocalVariableDeclarationContext,
  MethodDeclarationContext,
  NewExpressionContext,
  PrimaryExpressionContext,
  SoqlLiteralContext,
  SoqlPrimaryContext,
  SubExpressionContext,
  ThisPrimaryContext,
  TriggerBlockContext,
  AssignExpressionContext,
  type ApexParseTree,
  type CreatorContext,
  type ExpressionContext,
  type FieldDeclarationContext,
  type PropertyDeclarationContext,
  type TypeRefContext,
} from '@apexdevtools/apex-parser';
import { parseApiName } from './apiNames.js';
import type { Position, ReferenceChecker } from './referenceChecker.js';
import { checkSoql } from './soqlReferences.js';

/**
 * What an Apex expression is, as far as field references care: an SObject record, a list of
 * them, an SObjectType token (`Account`, `Schema.Account`), a describe
 * (`Schema.SObjectType.Account`) or its `fields`, or a step on the way there.
 */
type ApexType =
  | { kind: 'record' | 'list' | 'token' | 'describe' | 'fields'; object: string }
  | { kind: 'schema' | 'sobjectType' | 'this' | 'trigger' };

/**
 * Variables in scope: name (lower-cased) → type. `null` marks a variable that is not an SObject,
 * so that it still hides an SObject of the same name.
 */
interface Scope {
  vars: Map<string, ApexType | null>;
  parent?: Scope;
}

function childScope(parent: Scope): Scope {
  return { vars: new Map(), parent };
}

function lookup(scope: Scope | undefined, name: string): ApexType | null | undefined {
  for (let s = scope; s; s = s.parent) {
    const found = s.vars.get(name.toLowerCase());
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Static methods of custom settings and custom metadata types that return one record. */
const RECORD_GETTERS = new Set(['getinstance', 'getorgdefaults', 'getvalues']);

/** Counts syntax errors instead of printing them (the parser's default). */
class ErrorCounter extends ApexErrorListener {
  count = 0;
  apexSyntaxError(): void {
    this.count++;
  }
}

function childrenOf(node: ApexParseTree): ApexParseTree[] {
  return (node as { children?: ApexParseTree[] | null }).children ?? [];
}

function positionOf(node: { start: { line: number; column: number } }): Position {
  return { line: node.start.line, column: node.start.column + 1 };
}

/**
 * Reads one Apex class or trigger and hands every SObject field it references to `checker`:
 * inline SOQL, `Account.Foo__c` / `Schema.SObjectType.Account.fields.Foo__c` tokens,
 * `new Account(Foo__c = …)`, and `x.Foo__c` / `x.Rel__r.Foo__c` where `x` is a variable,
 * parameter, field, property or loop variable declared with an SObject type (one scope per
 * block, as Apex has). Values of unknown type — method results, map lookups, generic SObject —
 * are not followed.
 */
export function checkApex(source: string, kind: 'class' | 'trigger', checker: ReferenceChecker): 'checked' | 'syntax-error' {
  const errors = new ErrorCounter();
  const { parser } = ApexParserFactory.createLexerAndParser(source, errors);
  const root: Scope = { vars: new Map() };
  let triggerObject: string | undefined;
  let tree: ApexParseTree;
  if (kind === 'trigger') {
    const unit = parser.triggerUnit();
    triggerObject = unit.id(1) ? checker.sobject(unit.id(1).getText()) : undefined;
    tree = unit;
  } else {
    tree = parser.compilationUnit();
  }
  // A tree with syntax errors has holes; the apex check reports the errors themselves.
  if (errors.count > 0) return 'syntax-error';

  function declaredType(ref: TypeRefContext | null | undefined): ApexType | null {
    if (!ref) return null;
    const names = ref.typeName_list();
    const qualified = names.length === 2 && names[0]!.getText().toLowerCase() === 'schema';
    if (names.length !== 1 && !qualified) return null;
    const typeName = names.at(-1)!;
    if (typeName.LIST() || typeName.SET()) {
      const element = declaredType(typeName.typeArguments()?.typeList()?.typeRef(0));
      return element?.kind === 'record' ? { kind: 'list', object: element.object } : null;
    }
    const object = typeName.id() ? checker.sobject(typeName.id().getText()) : undefined;
    if (!object) return null;
    return ref.arraySubscripts()?.getText() ? { kind: 'list', object } : { kind: 'record', object };
  }

  function declare(scope: Scope, name: string, type: ApexType | null): void {
    scope.vars.set(name.toLowerCase(), type);
  }

  /** Fields and properties are visible in the whole class body, before their declaration too. */
  function declareMembers(body: ClassBodyContext | TriggerBlockContext, scope: Scope): void {
    const members =
      body instanceof ClassBodyContext
        ? body.classBodyDeclaration_list().map((d) => d.memberDeclaration())
        : body.triggerBlockMember_list().map((m) => m.triggerMemberDeclaration());
    for (const member of members) {
      const field: FieldDeclarationContext | null | undefined = member?.fieldDeclaration();
      const property: PropertyDeclarationContext | null | undefined = member?.propertyDeclaration();
      if (field) for (const v of field.variableDeclarators().variableDeclarator_list()) declare(scope, v.id().getText(), declaredType(field.typeRef()));
      if (property) declare(scope, property.id().getText(), declaredType(property.typeRef()));
    }
  }

  function createdType(creator: CreatorContext): ApexType | null {
    const pairs = creator.createdName().idCreatedNamePair_list();
    const qualified = pairs.length === 2 && pairs[0]!.anyId().getText().toLowerCase() === 'schema';
    if (pairs.length !== 1 && !qualified) return null;
    const pair = pairs.at(-1)!;
    const name = pair.anyId().getText().toLowerCase();
    if (name === 'list' || name === 'set') {
      const element = declaredType(pair.typeList()?.typeRef(0));
      return element?.kind === 'record' ? { kind: 'list', object: element.object } : null;
    }
    const object = checker.sobject(pair.anyId().getText());
    if (!object) return null;
    return creator.arrayCreatorRest() ? { kind: 'list', object } : { kind: 'record', object };
  }

  /** The type of an expression, without reporting anything (each node reports its own name when walked). */
  function typeOf(expr: ExpressionContext | null | undefined, scope: Scope): ApexType | null {
    if (expr instanceof PrimaryExpressionContext) {
      const primary = expr.primary();
      if (primary instanceof ThisPrimaryContext) return { kind: 'this' };
      if (primary instanceof SoqlPrimaryContext) {
        const object = primary.soqlLiteral().query().fromNameList().fieldName(0)?.getText();
        const sobject = object ? checker.sobject(object) : undefined;
        return sobject ? { kind: 'list', object: sobject } : null;
      }
      if (!(primary instanceof IdPrimaryContext)) return null;
      const name = primary.id().getText();
      const variable = lookup(scope, name);
      if (variable !== undefined) return variable;
      const lower = name.toLowerCase();
      if (lower === 'schema') return { kind: 'schema' };
      if (lower === 'sobjecttype') return { kind: 'sobjectType' };
      if (lower === 'trigger' && triggerObject) return { kind: 'trigger' };
      const object = checker.sobject(name);
      return object ? { kind: 'token', object } : null;
    }
    if (expr instanceof DotExpressionContext) {
      const call = expr.dotMethodCall();
      if (call) {
        // Custom settings and custom metadata records: Foo__c.getOrgDefaults().Bar__c, Foo__mdt.getInstance('x').Bar__c.
        const base = typeOf(expr.expression(), scope);
        const method = call.anyId().getText().toLowerCase();
        return base?.kind === 'token' && RECORD_GETTERS.has(method) ? { kind: 'record', object: base.object } : null;
      }
      const base = typeOf(expr.expression(), scope);
      const name = expr.anyId().getText();
      const lower = name.toLowerCase();
      switch (base?.kind) {
        case 'this':
          return lookup(scope, name) ?? null;
        case 'schema': {
          if (lower === 'sobjecttype') return { kind: 'sobjectType' };
          const object = checker.sobject(name);
          return object ? { kind: 'token', object } : null;
        }
        case 'sobjectType': {
          const object = checker.sobject(name);
          return object ? { kind: 'describe', object } : null;
        }
        case 'describe':
          return lower === 'fields' ? { kind: 'fields', object: base.object } : null;
        case 'trigger':
          return (lower === 'new' || lower === 'old') && triggerObject ? { kind: 'list', object: triggerObject } : null;
        case 'record':
        case 'token': {
          const child = checker.child(base.object, name);
          if (child) return { kind: 'list', object: child };
          const parent = checker.parent(base.object, name);
          return parent ? { kind: 'record', object: parent } : null;
        }
        default:
          return null;
      }
    }
    if (expr instanceof CastExpressionContext) return declaredType(expr.typeRef());
    if (expr instanceof SubExpressionContext) return typeOf(expr.expression(), scope);
    if (expr instanceof ArrayExpressionContext) {
      const list = typeOf(expr.expression(0), scope);
      return list?.kind === 'list' ? { kind: 'record', object: list.object } : null;
    }
    if (expr instanceof NewExpressionContext) return createdType(expr.creator());
    return null;
  }

  /** `record.Name`, `Account.Name`, `….fields.Name`: the one name this dot expression adds. */
  function checkDot(expr: DotExpressionContext, scope: Scope): void {
    if (expr.dotMethodCall()) return;
    const base = typeOf(expr.expression(), scope);
    if (!base || (base.kind !== 'record' && base.kind !== 'token' && base.kind !== 'fields')) return;
    const name = expr.anyId().getText();
    const at = positionOf(expr.anyId());
    const suffix = parseApiName(name)?.suffix;
    if (base.kind === 'fields' || (suffix !== 'r' && suffix !== 'pr')) return checker.field(base.object, name, at);
    // `record.Rel__r` is a parent record (lookup Rel__c on this object) or a list of children (a lookup elsewhere named Rel).
    if (!checker.child(base.object, name)) checker.parent(base.object, name, at);
  }

  /** `new Account(Foo__c = 1, Name = 'x')`: the names on the left are fields of the new record. */
  function checkNew(expr: NewExpressionContext): void {
    const type = createdType(expr.creator());
    const args = expr.creator().classCreatorRest()?.arguments().expressionList()?.expression_list() ?? [];
    if (type?.kind !== 'record') return;
    for (const arg of args) {
      if (!(arg instanceof AssignExpressionContext)) continue;
      const target = arg.expression(0);
      const primary = target instanceof PrimaryExpressionContext ? target.primary() : undefined;
      if (primary instanceof IdPrimaryContext) checker.field(type.object, primary.id().getText(), positionOf(primary));
    }
  }

  function walk(node: ApexParseTree, scope: Scope): void {
    if (node instanceof ClassBodyContext || node instanceof TriggerBlockContext) {
      const inner = childScope(scope);
      declareMembers(node, inner);
      return walkChildren(node, inner);
    }
    if (node instanceof MethodDeclarationContext || node instanceof ConstructorDeclarationContext) {
      const inner = childScope(scope);
      for (const p of node.formalParameters().formalParameterList()?.formalParameter_list() ?? []) declare(inner, p.id().getText(), declaredType(p.typeRef()));
      return walkChildren(node, inner);
    }
    if (node instanceof BlockContext || node instanceof ForStatementContext) return walkChildren(node, childScope(scope));
    if (node instanceof CatchClauseContext) {
      const inner = childScope(scope);
      declare(inner, node.id().getText(), null);
      return walkChildren(node, inner);
    }
    if (node instanceof LocalVariableDeclarationContext) {
      const type = declaredType(node.typeRef());
      for (const v of node.variableDeclarators().variableDeclarator_list()) declare(scope, v.id().getText(), type);
    }
    if (node instanceof EnhancedForControlContext) declare(scope, node.id().getText(), declaredType(node.typeRef()));
    if (node instanceof DotExpressionContext) checkDot(node, scope);
    if (node instanceof NewExpressionContext) checkNew(node);
    if (node instanceof SoqlLiteralContext) return checkSoql(node.query(), checker, (bound) => walk(bound, scope));
    walkChildren(node, scope);
  }

  function walkChildren(node: ApexParseTree, scope: Scope): void {
    for (const child of childrenOf(node)) walk(child, scope);
  }

  walk(tree, root);
  return 'checked';
}
