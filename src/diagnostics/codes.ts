/**
 * Every diagnostic code pinseq can report, with the one-line meaning shown by
 * `pinseq check --explain` and the README. Codes are stable: tests and tools match on them.
 * `E_` codes are errors, `W_` codes warnings. Add a code here before reporting it.
 */
export const diagnosticCodes = {
  // lexing and parsing
  E_LEX: 'A character that cannot start any token.',
  E_SYNTAX: 'The tokens do not form a statement of the language.',
  E_NUMBER: 'A malformed or out-of-range number or duration literal.',
  E_STRING: 'An unterminated string or an unknown escape.',
  // names and definitions
  E_UNKNOWN_NAME: 'A name that no pin, const, param, def or loop variable defines.',
  E_DUPLICATE_NAME: 'A name defined twice in the same scope.',
  E_RESERVED_NAME: 'A keyword or built-in used as a name.',
  E_NOT_CALLABLE: 'A call of something that is not a def (or of a def inside an expression).',
  E_ARGUMENT_COUNT: 'A def or built-in called with the wrong number of arguments.',
  E_RECURSION: 'A def that calls itself, directly or through others.',
  E_EXPANSION_LIMIT: 'Expanding defs and for-loops would produce too large a program.',
  E_NESTING_LIMIT: 'Blocks or expressions nested deeper than the compiler allows.',
  E_LIST_LIMIT: 'A pin list longer than the compiler allows (4096 pins, repeats included).',
  E_TOP_LEVEL: 'A param, def, import, chip or allow statement inside a block; they belong at the top level.',
  // files and imports
  E_FILE_NOT_FOUND: 'The script file itself cannot be read.',
  E_IMPORT_NOT_FOUND: 'An imported file that cannot be read.',
  E_IMPORT_CYCLE: 'Files that import each other in a cycle.',
  E_IMPORT_DEPTH: 'Imports chained more than 64 files deep.',
  E_IMPORT_STATEMENT: 'An imported file that contains statements other than pin, const, def and import.',
  // types and values
  E_TYPE: 'A value of the wrong type (pin list, integer, duration, string) for where it is used.',
  E_UNIT: 'A number without a unit where a duration is needed, or mixed units.',
  E_DIVISION_BY_ZERO: 'A division or remainder by zero in a constant expression.',
  E_NEGATIVE: 'A negative count, duration or pin number.',
  E_NOT_INTEGER: 'A fractional value where a whole number is needed.',
  E_ZERO_PERIOD: 'An every loop whose period is zero.',
  E_PARAM_OVERRIDE: 'A caller-supplied param value that does not parse or has the wrong type.',
  E_UNKNOWN_PARAM: 'A caller-supplied param that the script does not declare.',
  E_WRITE_WIDTH: 'A write value with bits set beyond the width of its pin list.',
  // pins and chips
  E_UNKNOWN_CHIP: 'A chip name pinseq has no register map for.',
  E_CHIP_CONFLICT: 'Two chip statements (or a chip statement and --chip) that disagree.',
  E_PIN_RANGE: 'A pin number the chip does not have.',
  E_HEADER_PIN: 'A header pin (BOARDn / J8:n) that is power or ground, or beyond the header.',
  E_PIN_NOT_ALLOWED: 'A pin outside the script\'s allow list.',
  E_ALT_FUNCTION: 'An alternate function number the chip does not have.',
  E_PULL_UNSUPPORTED: 'A pull setting the chip cannot apply.',
  E_WAIT_UNTIL_PINS: 'wait until given other than exactly one pin.',
  E_WINDOW_BOUNDS: 'A register offset outside the chip\'s register window (an internal safety net).',
  E_FORBIDDEN_REGISTER: 'A write to a register user space must never touch, such as event detect (an internal safety net).',
  E_INVALID_PROGRAM: 'A compiled program that fails the runtime\'s own program check (an internal safety net).',
  // control flow
  E_UNREACHABLE: 'Statements after a forever loop that can never run.',
  E_EXIT_BLOCK: 'More than one on exit block, or one that is not at the top level.',
  E_EXIT_FOREVER: 'An on exit block that never ends (forever or an unbounded wait).',
  // warnings
  W_NOT_OUTPUT: 'A pin driven by set/clear/toggle/write that the script never made an output.',
  W_SAME_INSTANT: 'A pin both set and cleared in one instant; the last one wins.',
  W_ZERO_WIDTH: 'A loop whose last and first instants are the same moment, giving a zero-width pulse.',
  W_UNUSED: 'A pin alias, const, param or def that is never used.',
} as const;

/** A stable diagnostic code such as `E_UNKNOWN_NAME` or `W_SAME_INSTANT`. */
export type DiagnosticCode = keyof typeof diagnosticCodes;
