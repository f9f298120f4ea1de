import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';

export interface ApexSyntaxProblem {
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/**
 * ANTLR's messages list every token it expected (hundreds); the Apex compiler names the token it
 * stopped at ("Unexpected token '{'.", "Missing ';' at 'x'"), and so does this.
 */
export function compilerWording(message: string): string {
  const missing = /^missing (.+) at (.+)$/.exec(message);
  if (missing) return `Missing ${missing[1]} at ${missing[2]}`;
  const token = /^(?:mismatched|extraneous) input (.+?) expecting/.exec(message)?.[1] ?? /^no viable alternative at input (.+)$/.exec(message)?.[1];
  if (token === "'<EOF>'") return 'Unexpected end of file.';
  if (token) return `Unexpected token ${token.length > 60 ? `${token.slice(0, 57)}...'` : token}.`;
  return message;
}

/** Keeps the first syntax error: the compiler reports one a file, and later ones follow from it. */
class FirstError extends ApexErrorListener {
  problem: ApexSyntaxProblem | undefined;
  apexSyntaxError(line: number, column: number, msg: string): void {
    this.problem ??= { line, column: column + 1, message: compilerWording(msg) };
  }
}

/**
 * The first syntax error of an Apex class or trigger body, or of anonymous Apex (what
 * executeAnonymous compiles), as the parser sees it; undefined when it parses.
 */
export function apexSyntaxProblem(source: string, kind: 'class' | 'trigger' | 'anonymous'): ApexSyntaxProblem | undefined {
  const listener = new FirstError();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  if (kind === 'trigger') parser.triggerUnit();
  else if (kind === 'anonymous') parser.anonymousUnit();
  else parser.compilationUnit();
  return listener.problem;
}
