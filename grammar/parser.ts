/**
 * The grammar of `.gpio` scripts (SPEC §1) as a Chevrotain `CstParser`: rules only, no
 * semantic code. Each rule's doc comment is its EBNF production; `grammar/diagrams.html`
 * draws them. The CST it builds is typed by the generated `grammar/cst.d.ts` and turned
 * into the AST by `src/language/toAst.ts`.
 *
 * Names are the `Name` token category (identifiers and the contextual keyword `on`),
 * except the callee of a call statement, a plain Identifier, so `on exit` is LL(1).
 */
import { CstParser, EOF, type IOrAlt, type IToken } from 'chevrotain';
import { createErrorMessages } from './errorMessages.js';
import { flattenRepetitionRecovery } from './flatRecovery.js';
import {
  allTokens, BinaryOperator, Comma, Decimal, DotDot, Duration, Equals, Identifier, Integer, Keyword as K, LAngle,
  LParen, Name, PinName, RAngle, RParen, Separator, StringLiteral, UnaryOperator,
} from './tokens.js';

/** The parser class. Use the {@link gpioParser} singleton: construction runs a grammar self-analysis. */
export class GpioParser extends CstParser {
  constructor() {
    super([...allTokens], {
      recoveryEnabled: true,
      maxLookahead: 2,
      // The closure reads the singleton's input lazily: messages about an unclosed `<` need the tokens.
      errorMessageProvider: createErrorMessages(() => gpioParser.input),
    });
    this.performSelfAnalysis();
    // Recovering from thousands of broken lines must not overflow the stack.
    flattenRepetitionRecovery(this);
  }

  // ---------------------------------------------------------------- structure

  /** script := [ statement ] ( Separator [ statement ] )* EOF */
  script = this.RULE('script', () => {
    this.statements();
    // Consumed explicitly so that stray input at the end (a `>` too many) is one recovered
    // error, not Chevrotain's "not all input parsed", which drops the rest of the file.
    this.CONSUME(EOF);
  });

  /** block := '<' [ statement ] ( Separator [ statement ] )* '>' */
  block = this.RULE('block', () => {
    this.CONSUME(LAngle);
    this.statements();
    this.CONSUME(RAngle);
  });

  /**
   * The statement list shared by `script` and `block`: statements separated by newlines or
   * `;`, blank ones allowed. It is written inline in both rules (not as a rule of its own)
   * so that Chevrotain's in-repetition recovery knows what follows the list (`>` or end of
   * input) and can skip a broken statement up to the next separator. Because a separator
   * is required between statements, the follow set of `statement` is just the separators
   * and the list's end, which is where recovery from an error inside a statement resumes.
   */
  private statements(): void {
    this.OPTION(() => this.SUBRULE(this.statement));
    this.MANY(() => {
      this.CONSUME(Separator);
      this.OPTION2(() => this.SUBRULE2(this.statement));
    });
  }

  /**
   * statement := pinDecl | constDecl | paramDecl | defDecl | importStmt | chipStmt | allowStmt
   *            | outStmt | inStmt | altStmt | driveStmt | writeStmt | waitStmt | repeatStmt
   *            | foreverStmt | everyStmt | forStmt | messageStmt | onExitStmt | callStmt
   */
  statement = this.RULE('statement', () => {
    this.OR(this.statementAlternatives);
  });

  // Chevrotain's performance guide: an OR's alternatives written inline are a new array of
  // closures on every call. The two hottest ORs (one per statement, one per operand) are
  // built once instead; that alone saves a good part of the parse time of a big script.
  private readonly statementAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.pinDecl) },
    { ALT: () => this.SUBRULE(this.constDecl) },
    { ALT: () => this.SUBRULE(this.paramDecl) },
    { ALT: () => this.SUBRULE(this.defDecl) },
    { ALT: () => this.SUBRULE(this.importStmt) },
    { ALT: () => this.SUBRULE(this.chipStmt) },
    { ALT: () => this.SUBRULE(this.allowStmt) },
    { ALT: () => this.SUBRULE(this.outStmt) },
    { ALT: () => this.SUBRULE(this.inStmt) },
    { ALT: () => this.SUBRULE(this.altStmt) },
    { ALT: () => this.SUBRULE(this.driveStmt) },
    { ALT: () => this.SUBRULE(this.writeStmt) },
    { ALT: () => this.SUBRULE(this.waitStmt) },
    { ALT: () => this.SUBRULE(this.repeatStmt) },
    { ALT: () => this.SUBRULE(this.foreverStmt) },
    { ALT: () => this.SUBRULE(this.everyStmt) },
    { ALT: () => this.SUBRULE(this.forStmt) },
    { ALT: () => this.SUBRULE(this.messageStmt) },
    { ALT: () => this.SUBRULE(this.onExitStmt) },
    { ALT: () => this.SUBRULE(this.callStmt) },
  ];

  // ---------------------------------------------------------------- definitions

  /** pinDecl := ( 'pin' | 'pins' ) Name '=' pinList */
  pinDecl = this.RULE('pinDecl', () => {
    this.OR([{ ALT: () => this.CONSUME(K.pin) }, { ALT: () => this.CONSUME(K.pins) }]);
    this.CONSUME(Name);
    this.CONSUME(Equals);
    this.SUBRULE(this.pinList);
  });

  /** constDecl := 'const' Name '=' pinList */
  constDecl = this.RULE('constDecl', () => {
    this.CONSUME(K.const);
    this.CONSUME(Name);
    this.CONSUME(Equals);
    this.SUBRULE(this.pinList);
  });

  /** paramDecl := 'param' Name '=' pinList */
  paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(K.param);
    this.CONSUME(Name);
    this.CONSUME(Equals);
    this.SUBRULE(this.pinList);
  });

  /** defDecl := 'def' Identifier '(' [ Name ( ',' Name )* ] ')' block */
  defDecl = this.RULE('defDecl', () => {
    this.CONSUME(K.def);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.CONSUME(Name, { LABEL: 'parameter' }) });
    this.CONSUME(RParen);
    this.SUBRULE(this.block);
  });

  /** callStmt := Identifier '(' argumentList ')' */
  callStmt = this.RULE('callStmt', () => {
    this.CONSUME(Identifier);
    this.CONSUME(LParen);
    this.SUBRULE(this.argumentList);
    this.CONSUME(RParen);
  });

  /** importStmt := 'import' StringLiteral */
  importStmt = this.RULE('importStmt', () => {
    this.CONSUME(K.import);
    this.CONSUME(StringLiteral);
  });

  /** chipStmt := 'chip' Name */
  chipStmt = this.RULE('chipStmt', () => {
    this.CONSUME(K.chip);
    this.CONSUME(Name);
  });

  /** allowStmt := 'allow' pinList */
  allowStmt = this.RULE('allowStmt', () => {
    this.CONSUME(K.allow);
    this.SUBRULE(this.pinList);
  });

  // ---------------------------------------------------------------- pin operations

  /** outStmt := 'out' pinList */
  outStmt = this.RULE('outStmt', () => {
    this.CONSUME(K.out);
    this.SUBRULE(this.pinList);
  });

  /** inStmt := 'in' pinList [ 'pull' ( 'up' | 'down' | 'none' ) ] */
  inStmt = this.RULE('inStmt', () => {
    this.CONSUME(K.in);
    this.SUBRULE(this.pinList);
    this.OPTION(() => {
      this.CONSUME(K.pull);
      this.OR([
        { ALT: () => this.CONSUME(K.up, { LABEL: 'bias' }) },
        { ALT: () => this.CONSUME(K.down, { LABEL: 'bias' }) },
        { ALT: () => this.CONSUME(K.none, { LABEL: 'bias' }) },
      ]);
    });
  });

  /**
   * altStmt := 'alt' operand pinList
   *
   * The function number is a single operand so `alt 4 7..11` reads as function 4 on
   * pins 7..11; compute it in parentheses: `alt (f + 1) 7`.
   */
  altStmt = this.RULE('altStmt', () => {
    this.CONSUME(K.alt);
    this.SUBRULE(this.operand, { LABEL: 'function' });
    this.SUBRULE(this.pinList);
  });

  /** driveStmt := ( 'set' | 'clear' | 'toggle' ) pinList */
  driveStmt = this.RULE('driveStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.set, { LABEL: 'action' }) },
      { ALT: () => this.CONSUME(K.clear, { LABEL: 'action' }) },
      { ALT: () => this.CONSUME(K.toggle, { LABEL: 'action' }) },
    ]);
    this.SUBRULE(this.pinList);
  });

  /** writeStmt := 'write' pinList '=' expression */
  writeStmt = this.RULE('writeStmt', () => {
    this.CONSUME(K.write);
    this.SUBRULE(this.pinList);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  // ---------------------------------------------------------------- time and control flow

  /**
   * waitStmt := 'wait' ( 'until' pinList ( 'high' | 'low' ) [ 'timeout' expression ] [ 'else' block ]
   *                    | expression )
   */
  waitStmt = this.RULE('waitStmt', () => {
    this.CONSUME(K.wait);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.until);
          this.SUBRULE(this.pinList);
          this.OR2([
            { ALT: () => this.CONSUME(K.high, { LABEL: 'level' }) },
            { ALT: () => this.CONSUME(K.low, { LABEL: 'level' }) },
          ]);
          this.OPTION(() => {
            this.CONSUME(K.timeout);
            this.SUBRULE(this.expression, { LABEL: 'timeout' });
          });
          this.OPTION2(() => {
            this.CONSUME(K.else);
            this.SUBRULE(this.block);
          });
        },
      },
      { ALT: () => this.SUBRULE2(this.expression, { LABEL: 'duration' }) },
    ]);
  });

  /** repeatStmt := 'repeat' expression [ 'every' expression ] block */
  repeatStmt = this.RULE('repeatStmt', () => {
    this.CONSUME(K.repeat);
    this.SUBRULE(this.expression, { LABEL: 'count' });
    this.OPTION(() => {
      this.CONSUME(K.every);
      this.SUBRULE2(this.expression, { LABEL: 'period' });
    });
    this.SUBRULE(this.block);
  });

  /** foreverStmt := 'forever' block */
  foreverStmt = this.RULE('foreverStmt', () => {
    this.CONSUME(K.forever);
    this.SUBRULE(this.block);
  });

  /** everyStmt := 'every' expression block */
  everyStmt = this.RULE('everyStmt', () => {
    this.CONSUME(K.every);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.block);
  });

  /** forStmt := 'for' Name 'in' pinList block */
  forStmt = this.RULE('forStmt', () => {
    this.CONSUME(K.for);
    this.CONSUME(Name);
    this.CONSUME(K.in);
    this.SUBRULE(this.pinList);
    this.SUBRULE(this.block);
  });

  /** messageStmt := ( 'log' | 'mark' ) StringLiteral */
  messageStmt = this.RULE('messageStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.log, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(K.mark, { LABEL: 'kind' }) },
    ]);
    this.CONSUME(StringLiteral);
  });

  /** onExitStmt := 'on' 'exit' block */
  onExitStmt = this.RULE('onExitStmt', () => {
    this.CONSUME(K.on);
    this.CONSUME(K.exit);
    this.SUBRULE(this.block);
  });

  // ---------------------------------------------------------------- expressions

  /** pinList := expression ( ',' expression )* */
  pinList = this.RULE('pinList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression) });
  });

  /** argumentList := [ expression ( ',' expression )* ] */
  argumentList = this.RULE('argumentList', () => {
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression) });
  });

  /**
   * expression := binary [ '..' binary ]
   * binary     := operand ( BinaryOperator operand )*
   * BinaryOperator := '|' | '^' | '&' | '+' | '-' | '*' | '/' | '%'
   *
   * A range `a..b` binds loosest, and does not associate (`1..2..3` is an error). The
   * binary operators bind, loosest first: `|`, `^`, `&`, `+ -`, `* / %`, all
   * left-associative. Both chains stay flat here (labelled `left`/`right` and their
   * operators) and the AST builder applies the precedence: one rule per operand instead
   * of one per precedence level keeps the CST shallow, which makes parsing about twice
   * as fast.
   */
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand, { LABEL: 'left' });
    this.MANY(() => {
      this.CONSUME(BinaryOperator, { LABEL: 'leftOperator' });
      this.SUBRULE2(this.operand, { LABEL: 'left' });
    });
    this.OPTION(() => {
      this.CONSUME(DotDot);
      this.SUBRULE3(this.operand, { LABEL: 'right' });
      this.MANY2(() => {
        this.CONSUME2(BinaryOperator, { LABEL: 'rightOperator' });
        this.SUBRULE4(this.operand, { LABEL: 'right' });
      });
    });
  });

  /**
   * operand := ( '-' | '~' )* ( Integer | Decimal | Duration | PinName | StringLiteral
   *                           | Name [ '(' argumentList ')' ] | '(' expression ')' )
   *
   * Prefix operators bind tighter than any binary operator.
   */
  operand = this.RULE('operand', () => {
    this.MANY(() => this.CONSUME(UnaryOperator));
    this.OR(this.primaryAlternatives);
  });

  private readonly primaryAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(Integer) },
    { ALT: () => this.CONSUME(Decimal) },
    { ALT: () => this.CONSUME(Duration) },
    { ALT: () => this.CONSUME(PinName) },
    { ALT: () => this.CONSUME(StringLiteral) },
    {
      ALT: () => {
        this.CONSUME(Name);
        this.OPTION(() => {
          this.CONSUME(LParen, { LABEL: 'callOpen' });
          this.SUBRULE(this.argumentList);
          this.CONSUME(RParen, { LABEL: 'callClose' });
        });
      },
    },
    {
      ALT: () => {
        this.CONSUME2(LParen);
        this.SUBRULE(this.expression);
        this.CONSUME2(RParen);
      },
    },
  ];
}

/** The one parser instance; Chevrotain parsers are reusable by assigning `input`. */
export const gpioParser = new GpioParser();

/** True when `token` is Chevrotain's virtual end-of-input token. */
export function isEndOfInput(token: IToken): boolean {
  return token.tokenType === EOF;
}
