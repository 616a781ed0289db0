/**
 * A small reader for the Bicep that deploy/azure/main.bicep is written in,
 * because the Bicep compiler is not available offline (it is a separate
 * download). It understands declarations (param, var, resource, output,
 * module, targetScope, metadata) with their decorators, and turns literal
 * values (strings, numbers, booleans, null, objects, arrays) into a tree; any
 * other expression (a function call, a ternary, a property access) is kept as
 * its source text. That is enough to check what a template sets without
 * evaluating it.
 *
 * It refuses, with the line number, what it does not understand, so a
 * template change that outgrows it fails loudly instead of being misread.
 */

export type Value =
  | { kind: 'string'; value: string; interpolated: boolean; raw: string }
  | { kind: 'number'; value: number; raw: string }
  | { kind: 'bool'; value: boolean; raw: string }
  | { kind: 'null'; raw: string }
  | { kind: 'object'; props: Record<string, Value>; raw: string }
  | { kind: 'array'; items: Value[]; raw: string }
  | { kind: 'expr'; raw: string };

export interface Decorator {
  name: string;
  /** The source text between the parentheses. */
  args: string;
}

export interface Declaration {
  keyword: 'targetScope' | 'metadata' | 'param' | 'var' | 'resource' | 'module' | 'output';
  name: string;
  line: number;
  decorators: Decorator[];
  /** param and output: the type; resource: 'Type@apiVersion'; module: the path. */
  type?: string;
  /** resource and module: the text of `if (...)`, when deployed conditionally. */
  condition?: string;
  /** resource and module: the loop header of `[for x in list: ...]`, e.g. `suffix in [...]`. */
  loop?: string;
  /** param: the default; var, output, targetScope, metadata: the value; resource and module: the body. */
  value?: Value;
}

export interface StringLiteral {
  /** The text with escapes resolved; interpolations are kept as `${...}`. */
  value: string;
  line: number;
  interpolated: boolean;
}

export interface ParsedBicep {
  declarations: Declaration[];
  /** Every string literal in the file, including those inside expressions and interpolations. */
  strings: StringLiteral[];
}

const KEYWORDS = new Set(['targetScope', 'metadata', 'param', 'var', 'resource', 'module', 'output']);
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

class Parser {
  private pos = 0;
  readonly strings = new Map<number, StringLiteral>();

  constructor(
    private readonly src: string,
    private readonly file: string,
    private readonly firstLine = 1,
  ) {}

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  private lineAt(at: number): number {
    let line = this.firstLine;
    for (let i = 0; i < at && i < this.src.length; i++) if (this.src[i] === '\n') line++;
    return line;
  }

  private fail(message: string): never {
    throw new Error(`${this.file}:${this.lineAt(this.pos)}: ${message}`);
  }

  /** Skips blanks and comments; newlines too when `newlines` is set (Bicep statements end at a newline). */
  private skipSpace(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) {
        this.pos++;
      } else if (c === '/' && this.peek(1) === '/') {
        while (!this.eof() && this.peek() !== '\n') this.pos++;
      } else if (c === '/' && this.peek(1) === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated /* comment');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private identifier(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos));
    if (!m) this.fail(`expected a name, found ${JSON.stringify(this.src.slice(this.pos, this.pos + 20))}`);
    this.pos += m[0].length;
    return m[0];
  }

  private expect(text: string): void {
    this.skipSpace(false);
    if (!this.src.startsWith(text, this.pos)) this.fail(`expected "${text}"`);
    this.pos += text.length;
  }

  private string(): Extract<Value, { kind: 'string' }> {
    const start = this.pos;
    if (this.src.startsWith("'''", this.pos)) {
      // Multi-line strings take no escapes and no interpolation.
      const end = this.src.indexOf("'''", this.pos + 3);
      if (end < 0) this.fail("unterminated ''' string");
      this.pos = end + 3;
      const value = this.src.slice(start + 3, end).replace(/^\r?\n/, '');
      this.strings.set(start, { value, line: this.lineAt(start), interpolated: false });
      return { kind: 'string', value, interpolated: false, raw: this.src.slice(start, this.pos) };
    }
    this.pos++;
    let value = '';
    let interpolated = false;
    for (;;) {
      if (this.eof()) this.fail('unterminated string');
      const c = this.peek();
      if (c === "'") {
        this.pos++;
        break;
      }
      if (c === '\n') this.fail('line break inside a string');
      if (c === '\\') {
        const next = this.peek(1);
        if (next === 'u' && this.peek(2) === '{') {
          const close = this.src.indexOf('}', this.pos);
          value += String.fromCodePoint(parseInt(this.src.slice(this.pos + 3, close), 16));
          this.pos = close + 1;
        } else {
          if (!(next in ESCAPES)) this.fail(`unknown escape \\${next}`);
          value += ESCAPES[next];
          this.pos += 2;
        }
      } else if (c === '$' && this.peek(1) === '{') {
        interpolated = true;
        const from = this.pos;
        this.pos += 2;
        this.balanced('}');
        value += this.src.slice(from, this.pos);
      } else {
        value += c;
        this.pos++;
      }
    }
    this.strings.set(start, { value, line: this.lineAt(start), interpolated });
    return { kind: 'string', value, interpolated, raw: this.src.slice(start, this.pos) };
  }

  /** From just after an opening bracket, reads up to and including the one that closes it. */
  private balanced(close: string): void {
    const stack = [close];
    while (stack.length) {
      if (this.eof()) this.fail(`missing "${stack[stack.length - 1]}"`);
      const c = this.peek();
      if (c === "'") {
        this.string();
        continue;
      }
      if (c === '/' && (this.peek(1) === '/' || this.peek(1) === '*')) {
        this.skipSpace(false);
        continue;
      }
      this.pos++;
      if (c === '(') stack.push(')');
      else if (c === '[') stack.push(']');
      else if (c === '{') stack.push('}');
      else if (c === stack[stack.length - 1]) stack.pop();
      else if (c === ')' || c === ']' || c === '}') this.fail(`unexpected "${c}"`);
    }
  }

  /** An expression kept as text: up to the end of the line, a comma or a closing bracket, outside any brackets. */
  private rawExpression(): string {
    const start = this.pos;
    for (;;) {
      if (this.eof()) break;
      const c = this.peek();
      if (c === '\n' || c === ',' || c === '}' || c === ']' || c === ')') break;
      if (c === '/' && (this.peek(1) === '/' || this.peek(1) === '*')) break;
      if (c === "'") {
        this.string();
        continue;
      }
      this.pos++;
      if (c === '(') this.balanced(')');
      else if (c === '[') this.balanced(']');
      else if (c === '{') this.balanced('}');
    }
    const raw = this.src.slice(start, this.pos).trim();
    if (!raw) this.fail('expected a value');
    return raw;
  }

  private atValueEnd(): boolean {
    const save = this.pos;
    this.skipSpace(false);
    const c = this.peek();
    const end = this.eof() || c === '\n' || c === ',' || c === '}' || c === ']' || c === ')';
    this.pos = save;
    return end;
  }

  value(): Value {
    this.skipSpace(false);
    const start = this.pos;
    const rest = this.src.slice(this.pos, this.pos + 40);
    let literal: Value | undefined;
    if (this.peek() === "'") literal = this.string();
    else if (this.peek() === '{') literal = this.object();
    else if (this.peek() === '[' && !/^\[\s*for\b/.test(rest)) literal = this.array();
    else {
      const m = /^(-?\d+)(?![\w.])|^(true|false|null)\b/.exec(rest);
      if (m) {
        this.pos += m[0].length;
        if (m[1] !== undefined) literal = { kind: 'number', value: Number(m[1]), raw: m[0] };
        else if (m[2] === 'null') literal = { kind: 'null', raw: m[0] };
        else literal = { kind: 'bool', value: m[2] === 'true', raw: m[0] };
      }
    }
    if (literal && this.atValueEnd()) return literal;
    // Not a plain literal after all (e.g. 'a' == b ? ...): keep the whole expression as text.
    this.pos = start;
    return { kind: 'expr', raw: this.rawExpression() };
  }

  private object(): Value {
    const start = this.pos;
    this.pos++;
    const props: Record<string, Value> = {};
    for (;;) {
      this.skipSpace(true);
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() === '}') {
        this.pos++;
        break;
      }
      if (this.eof()) this.fail('missing "}"');
      const key = this.peek() === "'" ? this.string().value : this.identifier();
      this.skipSpace(false);
      if (this.peek() !== ':') this.fail(`expected ":" after "${key}" (nested declarations and spreads are not supported by this reader)`);
      this.pos++;
      if (Object.prototype.hasOwnProperty.call(props, key)) this.fail(`property "${key}" is set twice`);
      props[key] = this.value();
    }
    return { kind: 'object', props, raw: this.src.slice(start, this.pos) };
  }

  private array(): Value {
    const start = this.pos;
    this.pos++;
    const items: Value[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() === ']') {
        this.pos++;
        break;
      }
      if (this.eof()) this.fail('missing "]"');
      items.push(this.value());
    }
    return { kind: 'array', items, raw: this.src.slice(start, this.pos) };
  }

  /** A param or output type: everything up to "=" or the end of the line. */
  private typeText(): string {
    this.skipSpace(false);
    const start = this.pos;
    while (!this.eof() && this.peek() !== '\n' && this.peek() !== '=') {
      const c = this.peek();
      if (c === "'") {
        this.string();
        continue;
      }
      if (c === '/' && (this.peek(1) === '/' || this.peek(1) === '*')) break;
      this.pos++;
      if (c === '{') this.balanced('}');
      else if (c === '(') this.balanced(')');
    }
    const type = this.src.slice(start, this.pos).trim();
    if (!type) this.fail('expected a type');
    return type;
  }

  private tryEat(text: string): boolean {
    const save = this.pos;
    this.skipSpace(false);
    if (this.src.startsWith(text, this.pos)) {
      this.pos += text.length;
      return true;
    }
    this.pos = save;
    return false;
  }

  private endOfStatement(): void {
    this.skipSpace(false);
    if (!this.eof() && this.peek() !== '\n') this.fail(`unexpected text after the statement: ${JSON.stringify(this.src.slice(this.pos, this.pos + 30))}`);
  }

  /** A resource or module after its name and type: `= [if (cond)] body` or `= [for x in list: [if (cond)] body]`. */
  private deploymentBody(decl: Declaration): void {
    this.skipSpace(false);
    if (this.src.startsWith('existing', this.pos)) this.pos += 'existing'.length;
    this.expect('=');
    this.skipSpace(false);
    const loop = /^\[\s*for\b/.exec(this.src.slice(this.pos, this.pos + 10));
    if (loop) {
      this.pos += loop[0].length;
      decl.loop = this.loopHeader();
    }
    this.skipSpace(true);
    if (/^if\s*\(/.test(this.src.slice(this.pos, this.pos + 10))) {
      this.pos += 2;
      this.expect('(');
      const from = this.pos;
      this.balanced(')');
      decl.condition = this.src.slice(from, this.pos - 1).trim();
    }
    decl.value = this.value();
    if (loop) {
      this.skipSpace(true);
      if (this.peek() !== ']') this.fail('expected "]" to close the loop');
      this.pos++;
    }
  }

  /** `x in list:` (or `(x, i) in list:`), up to the colon that ends it; returns the text before the colon. */
  private loopHeader(): string {
    const start = this.pos;
    for (;;) {
      if (this.eof()) this.fail('unterminated for loop');
      const c = this.peek();
      if (c === ':') break;
      if (c === "'") {
        this.string();
        continue;
      }
      this.pos++;
      if (c === '(') this.balanced(')');
      else if (c === '[') this.balanced(']');
      else if (c === '{') this.balanced('}');
    }
    const header = this.src.slice(start, this.pos).trim();
    this.pos++;
    return header;
  }

  parse(): ParsedBicep {
    const declarations: Declaration[] = [];
    let decorators: Decorator[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.eof()) break;
      if (this.peek() === '@') {
        this.pos++;
        let name = this.identifier();
        if (this.peek() === '.') {
          // sys.description(...) is the same decorator as description(...)
          this.pos++;
          name = this.identifier();
        }
        let args = '';
        if (this.peek() === '(') {
          const from = ++this.pos;
          this.balanced(')');
          args = this.src.slice(from, this.pos - 1).trim();
        }
        decorators.push({ name, args });
        continue;
      }
      const line = this.lineAt(this.pos);
      const keyword = this.identifier();
      if (!KEYWORDS.has(keyword)) this.fail(`unsupported statement "${keyword}"`);
      const decl: Declaration = { keyword: keyword as Declaration['keyword'], name: keyword, line, decorators };
      decorators = [];
      this.skipSpace(false);
      switch (decl.keyword) {
        case 'targetScope':
          this.expect('=');
          decl.value = this.value();
          break;
        case 'metadata':
        case 'var':
          decl.name = this.identifier();
          this.expect('=');
          decl.value = this.value();
          break;
        case 'param':
          decl.name = this.identifier();
          decl.type = this.typeText();
          if (this.tryEat('=')) decl.value = this.value();
          break;
        case 'output':
          decl.name = this.identifier();
          decl.type = this.typeText();
          this.expect('=');
          decl.value = this.value();
          break;
        case 'resource':
        case 'module':
          decl.name = this.identifier();
          this.skipSpace(false);
          if (this.peek() !== "'") this.fail(`expected the ${decl.keyword} type as a string`);
          decl.type = this.string().value;
          this.deploymentBody(decl);
          break;
      }
      this.endOfStatement();
      declarations.push(decl);
    }
    if (decorators.length) this.fail('decorators at the end of the file decorate nothing');
    return { declarations, strings: [...this.strings.values()].sort((a, b) => a.line - b.line) };
  }
}

export function parseBicep(text: string, file = 'main.bicep'): ParsedBicep {
  return new Parser(text, file).parse();
}

/** Parses a decorator's argument text (e.g. `'a description'` or `[ 'S1' ]`) as a value. */
export function parseArgument(args: string): Value {
  return new Parser(args, 'decorator').value();
}

/** Follows a dotted path (object keys, array indexes) through literal values. */
export function get(value: Value | undefined, path: string): Value | undefined {
  let at = value;
  for (const step of path.split('.')) {
    if (!at) return undefined;
    if (at.kind === 'object') at = Object.prototype.hasOwnProperty.call(at.props, step) ? at.props[step] : undefined;
    else if (at.kind === 'array' && /^\d+$/.test(step)) at = at.items[Number(step)];
    else return undefined;
  }
  return at;
}

/** The plain value of a literal (recursively for objects and arrays); undefined for an expression or interpolated string. */
export function literal(value: Value | undefined): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case 'string':
      return value.interpolated ? undefined : value.value;
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'array':
      return value.items.map(literal);
    case 'object':
      return Object.fromEntries(Object.entries(value.props).map(([k, v]) => [k, literal(v)]));
    default:
      return undefined;
  }
}

/** The source text of any value. */
export function source(value: Value | undefined): string {
  return value?.raw ?? '';
}

/** Names (identifiers) used in an expression's text, outside string literals but including interpolations. */
export function namesUsed(raw: string): Set<string> {
  const withoutPlainText = raw.replace(/'(?:[^'\\]|\\.)*'/g, (s) => (s.match(/\$\{[^}]*\}/g) ?? []).join(' '));
  return new Set(withoutPlainText.match(/\b[A-Za-z_][A-Za-z0-9_]*\b/g) ?? []);
}
