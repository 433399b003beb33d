/**
 * The tokens of the `.gpio` language (SPEC §1 "Lexical"), and the lexer built from them.
 *
 * Newlines are tokens (a statement ends at a newline or `;`); spaces, tabs and `#`
 * comments are skipped, so a shebang line is a comment. Number and string tokens are
 * deliberately a little wider than the language: `5sec` or `0b102` lex as one Integer
 * token and an unterminated string lexes as a String token, so the AST builder can say
 * exactly what is wrong with the literal instead of the lexer reporting a stray letter.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

// ---------------------------------------------------------------- skipped and separators

/** Spaces and tabs (and a byte-order mark, which editors sometimes leave at the start). */
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\uFEFF]+/, group: Lexer.SKIPPED });

/** `#` to the end of the line; the line break itself stays a Newline token. */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: Lexer.SKIPPED });

/** What ends a statement: a Newline or a Semicolon (an abstract category, never lexed itself). */
export const Separator = createToken({ name: 'Separator', pattern: Lexer.NA, label: "a newline or ';'" });

/** A line break, `\n`, `\r\n` or a lone `\r` (the same three Chevrotain counts lines by). */
export const Newline = createToken({
  name: 'Newline',
  pattern: /\r\n?|\n/,
  line_breaks: true,
  categories: [Separator],
  label: 'a newline',
});

/** `;`, a statement separator on one line. */
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, categories: [Separator], label: "';'" });

// ---------------------------------------------------------------- literals

/** The units a duration may carry, as written. `µs` accepts both the micro sign and the Greek mu. */
export const durationUnits = ['ns', 'us', 'µs', 'μs', 'ms', 's', 'min'] as const;

/**
 * A number with a unit written against it: `250ms`, `1.5ms`, `20us`, `104167ns`.
 * The lookahead stops `250msx` from lexing as `250ms` + `x`: it falls through to Integer
 * and is reported as one malformed number.
 */
export const Duration = createToken({
  name: 'Duration',
  pattern: /\d[\d_]*(?:\.\d[\d_]*)?(?:ns|us|µs|μs|ms|min|s)(?![A-Za-z0-9_])/,
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  label: 'a duration such as 250ms',
});

/** A decimal without a unit, `1.5`; `\d\w*` after the point so `1.5sec` is one (bad) token. */
export const Decimal = createToken({ name: 'Decimal', pattern: /\d[\d_]*\.\d\w*/, label: 'a number' });

/**
 * An integer: `42`, `0x2A`, `0b101010`, `1_000`. The pattern takes any run of word
 * characters after the first digit; the AST builder checks the digits.
 */
export const Integer = createToken({ name: 'Integer', pattern: /\d\w*/, label: 'an integer' });

/**
 * A string: `"…"` on one line, with backslash escapes. The closing quote is optional
 * here so an unterminated string is one located E_STRING rather than a cascade.
 */
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n]?)*"?/,
  label: 'a string such as "text"',
});

// ---------------------------------------------------------------- names

/** Anything usable as a name: an Identifier or a contextual keyword (an abstract category). */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA, label: 'a name' });

/** Identifiers `[A-Za-z_][A-Za-z0-9_]*`. Keywords are reserved (they win by longer_alt). */
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Name], label: 'a name' });

/** A pin by name: `GPIO17` (SoC numbering), `BOARD11` or `J8:11` (physical header pin). */
export const PinName = createToken({
  name: 'PinName',
  pattern: /(?:GPIO|BOARD)\d+|J8:\d+/,
  longer_alt: Identifier,
  label: 'a pin such as GPIO17',
});

/**
 * Every keyword of the language, in the order the SPEC lists them. All are reserved
 * except the {@link contextualKeywords}. `bit` is a built-in function, not a keyword.
 */
export const keywordList = [
  'pin', 'pins', 'const', 'param', 'def', 'import', 'chip', 'allow', 'out', 'in', 'pull', 'up', 'down', 'none',
  'alt', 'set', 'clear', 'toggle', 'write', 'wait', 'until', 'high', 'low', 'timeout', 'else', 'repeat',
  'forever', 'for', 'every', 'log', 'mark', 'on', 'exit',
] as const;

/** One keyword. */
export type KeywordText = (typeof keywordList)[number];

/**
 * Keywords that are also names: `on` starts `on exit < … >`, yet the SPEC's own example
 * declares `const on = 250ms` and waits `wait on`. Their tokens belong to the {@link Name}
 * category, so the parser accepts them wherever a name is declared or used; only a
 * statement that calls a def must start with a plain Identifier (so `on` there means `on exit`).
 */
export const contextualKeywords: readonly KeywordText[] = ['on'];

function keywordToken(word: KeywordText): TokenType {
  const name = word[0]!.toUpperCase() + word.slice(1);
  const categories = contextualKeywords.includes(word) ? [Name] : [];
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, categories, label: `'${word}'` });
}

/** The keyword tokens by their text: `Keyword.set`, `Keyword.repeat`. CST keys are capitalised (`Set`). */
export const Keyword: Readonly<Record<KeywordText, TokenType>> = Object.fromEntries(
  keywordList.map((word) => [word, keywordToken(word)]),
) as Record<KeywordText, TokenType>;

// ---------------------------------------------------------------- operators and punctuation

/** The binary operators `| ^ & + - * / %`, one category so a chain keeps its operators in order in the CST. */
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA, label: 'an operator' });
/** The prefix operators `-` and `~`. */
export const UnaryOperator = createToken({ name: 'UnaryOperator', pattern: Lexer.NA, label: "'-' or '~'" });

/** `..`, the inclusive range. */
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./, label: "'..'" });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, categories: [BinaryOperator], label: "'+'" });
/** `-` is both binary and prefix. */
export const Minus = createToken({ name: 'Minus', pattern: /-/, categories: [BinaryOperator, UnaryOperator], label: "'-'" });
export const Star = createToken({ name: 'Star', pattern: /\*/, categories: [BinaryOperator], label: "'*'" });
export const Slash = createToken({ name: 'Slash', pattern: /\//, categories: [BinaryOperator], label: "'/'" });
export const Percent = createToken({ name: 'Percent', pattern: /%/, categories: [BinaryOperator], label: "'%'" });
export const Tilde = createToken({ name: 'Tilde', pattern: /~/, categories: [UnaryOperator], label: "'~'" });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/, categories: [BinaryOperator], label: "'|'" });
export const Caret = createToken({ name: 'Caret', pattern: /\^/, categories: [BinaryOperator], label: "'^'" });
export const Ampersand = createToken({ name: 'Ampersand', pattern: /&/, categories: [BinaryOperator], label: "'&'" });
export const Equals = createToken({ name: 'Equals', pattern: /=/, label: "'='" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" });
/** `<` opens a block. There is no less-than operator. */
export const LAngle = createToken({ name: 'LAngle', pattern: /</, label: "'<'" });
/** `>` closes a block; `>>` is two of them (there are no shift operators). */
export const RAngle = createToken({ name: 'RAngle', pattern: />/, label: "'>'" });

// Longer keywords first, so `pins` is not lexed as `pin` + `s` and `forever` not as `for` + `ever`.
const keywordsByLength = [...keywordList].sort((a, b) => b.length - a.length).map((word) => Keyword[word]);

/** Every token type, in the order the lexer tries them (first match wins). */
export const allTokens: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  Newline,
  Semicolon,
  Separator,
  Duration,
  Decimal,
  Integer,
  StringLiteral,
  PinName,
  ...keywordsByLength,
  Name,
  Identifier,
  DotDot,
  BinaryOperator,
  UnaryOperator,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Tilde,
  Pipe,
  Caret,
  Ampersand,
  Equals,
  Comma,
  LParen,
  RParen,
  LAngle,
  RAngle,
];

/**
 * The lexer for `.gpio` text. Lexing never throws: bad characters become `errors`.
 * Tokens record only where they start: no token but a line break spans lines, so the
 * end is the start plus the length, and leaner tokens make big scripts lex faster.
 */
export const gpioLexer = new Lexer([...allTokens], { positionTracking: 'onlyStart', ensureOptimizations: true });
