/**
 * Output neutralisation: every string read from the input (names, ids, handlers, paths, values,
 * messages built from them, argument values) passes through here before it reaches a terminal, a
 * CI log or a report. What an attacker's pull request writes in a template must not clear or
 * retitle the terminal, hide a link, reorder what a reviewer reads, or run as a CI command.
 *
 * Escaped, visibly in text (`\x1b`, `\u202e`) and as `\u` sequences in JSON:
 * - C0 controls but tab (NUL, ESC, CR, and line feed inside a value), DEL, C1 controls (U+009B is
 *   a one-character CSI that terminals obey like `ESC [`);
 * - bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9), which
 *   reorder what a reader sees (Trojan Source);
 * - U+2028/2029, where JavaScript log viewers break lines;
 * - invisible characters that hide or split text: U+FEFF (BOM), U+200B, U+2060–2064, U+180E,
 *   U+FFF9–FFFB, the tag characters U+E0000–E007F (hidden ASCII), and lone surrogates. Zero-width
 *   joiners (U+200C/D) and variation selectors stay: emoji sequences and several scripts need them.
 *
 * And CI workflow commands are broken by escaping their first character: GitHub Actions runs a line
 * that starts (after white space) with `::`; GitHub's legacy `##[command]` and Azure Pipelines'
 * `##vso[command]` are read anywhere in a line.
 *
 * Three entry points, one character set: {@link neutralise} for each string from the input in a
 * text output (the text report, stderr lines, YAML snippets); {@link toJson} for JSON outputs (JSON
 * and SARIF reports, IAM JSON), where the serialiser's output is escaped so values decode to what
 * was read; {@link guardOutput}, the last pass over a whole text output, which keeps line breaks
 * and leash's own colour codes.
 */

/** Characters escaped everywhere, line feed and tab aside (see the module comment). */
const UNSAFE = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}\\ud800-\\udfff';
const UNSAFE_IN_VALUE = new RegExp(`[${UNSAFE}\\n]`, 'gu');
const UNSAFE_IN_OUTPUT = new RegExp(`\\u001b\\[[0-9;]*m|[${UNSAFE}]`, 'gu');
/** Anything {@link neutralise} would change: most values have nothing, and are returned as they are. */
const NEEDS_NEUTRALISING = new RegExp(`[${UNSAFE}\\n]|^\\s*::|##[A-Za-z]*\\[`, 'u');
/** What {@link toJson} escapes, in one pass: unsafe characters (line feeds of the layout aside) and inline commands. */
const UNSAFE_IN_JSON = new RegExp(`[${UNSAFE}]|#(?=#[A-Za-z]*\\[)`, 'gu');
/**
 * A quick look at a whole output before the passes above: the same characters by UTF-16 code
 * units (any surrogate, so every character above U+FFFF, counts), without the `u` flag, which lets
 * V8 scan a large ASCII report fast.
 */
const MAYBE_UNSAFE = new RegExp(`[${UNSAFE.replace('\\u{e0000}-\\u{e007f}', '')}]|##[A-Za-z]*\\[`);
/** `::` at the start of a value (after white space: the runner trims it). */
const LEADING_COMMAND = /^(\s*):(?=:)/u;
/** `::` at the start of a line of a whole output. */
const LINE_COMMAND = /^([^\S\n]*):(?=:)/gmu;
/** `##[`, `##vso[`, `##teamcity[`... anywhere. */
const INLINE_COMMAND = /#(?=#[A-Za-z]*\[)/g;
/** leash's own styling: SGR colour sequences, the only escape sequences it writes. */
const SGR = /^\u001b\[[0-9;]*m$/;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** `\x1b`, `\u202e`, `\u{e0041}`: a character as a reader can see it (and as JavaScript would write it). */
function visible(character: string): string {
  const code = character.codePointAt(0)!;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  return code <= 0xffff ? `\\u${hex(code, 4)}` : `\\u{${hex(code, 1)}}`;
}

/** `\u001b`, and a surrogate pair for a character above U+FFFF: valid in a JSON string. */
function jsonEscape(character: string): string {
  let out = '';
  for (let i = 0; i < character.length; i++) out += `\\u${hex(character.charCodeAt(i), 4)}`;
  return out;
}

/**
 * A string from the input, ready for a text output: unsafe characters (line feeds included) and
 * workflow commands escaped visibly. Ordinary text, `é`, `日本`, emoji, is returned as is.
 */
export function neutralise(value: string): string {
  if (!NEEDS_NEUTRALISING.test(value)) return value;
  return value.replace(UNSAFE_IN_VALUE, visible).replace(LEADING_COMMAND, '$1\\x3a').replace(INLINE_COMMAND, '\\x23');
}

/**
 * {@link neutralise} over every string of a JSON-like value, keys included. An object or array
 * is copied only when something in it changes (a report's result is large and nearly always clean).
 */
export function neutraliseDeep<T>(value: T): T {
  if (typeof value === 'string') return neutralise(value) as T;
  if (Array.isArray(value)) {
    const items = value.map((item) => neutraliseDeep(item));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (typeof value === 'object' && value !== null) {
    let copy: Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    keys.forEach((key, i) => {
      const item = (value as Record<string, unknown>)[key];
      const [safeKey, safeItem] = [neutralise(key), neutraliseDeep(item)];
      if (!copy && (safeKey !== key || safeItem !== item)) copy = Object.fromEntries(keys.slice(0, i).map((k) => [k, (value as Record<string, unknown>)[k]]));
      if (copy) copy[safeKey] = safeItem;
    });
    return (copy ?? value) as T;
  }
  return value;
}

/**
 * `JSON.stringify(value, null, 2)` with what it leaves raw (C1, bidi, U+2028, invisible characters)
 * and inline workflow commands as `\u` escapes. They can only be inside strings, so the JSON still
 * parses to the same value; a line of pretty-printed JSON never starts with `::`.
 */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  return MAYBE_UNSAFE.test(json) ? json.replace(UNSAFE_IN_JSON, jsonEscape) : json;
}

/**
 * The last pass over a whole text output (the CLI writes everything through it): line breaks, tabs
 * and leash's colour codes stay; any other unsafe character, and any workflow command, is escaped
 * as {@link neutralise} escapes it. A value that reached the output without being neutralised still
 * cannot move the cursor, retitle the terminal or start a CI command.
 */
export function guardOutput(text: string): string {
  if (!MAYBE_UNSAFE.test(text) && !/^[^\S\n]*::/m.test(text)) return text;
  return text
    .replace(UNSAFE_IN_OUTPUT, (match) => (SGR.test(match) ? match : visible(match)))
    .replace(LINE_COMMAND, '$1\\x3a')
    .replace(INLINE_COMMAND, '\\x23');
}
