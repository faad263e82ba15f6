/**
 * Hostile strings for the output cases of the hostile-input suite: each case puts every one of them
 * in one place leash echoes (a logical id, a handler, an environment variable...), and the suite
 * checks that none reaches stdout or stderr as written. `ascii()` writes a template so that the
 * repository holds no raw control character: JSON `\u` escapes, which the loaders decode.
 */
export const PAYLOADS = Object.freeze({
  clear: '\u001b[2J\u001b[H',
  title: '\u001b]0;pwned\u0007',
  link: '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  bidi: 'abc\u202etxt.exe\u2066x\u2069\u200f',
  nul: 'a\u0000b',
  csi: '\u009b2J',
  lsep: 'a\u2028b\u2029c',
  cr: 'x\rleash: no findings',
  setOutput: 'x\n::set-output name=leash::pwned',
  addMask: 'x\n::add-mask::pwned',
  error: 'x\n  ::error file=a.js::pwned',
  lineStart: '::error::at the start of a line',
  v1Command: 'x ##[add-mask]pwned',
  azure: 'x ##vso[task.setvariable variable=leash]pwned',
  invisible: '\ufeffzero\u200bwidth',
});

/** Every payload with its name. */
export function payloads() {
  return Object.entries(PAYLOADS);
}

/** JSON text with every non-ASCII or control character as a `\u` escape (valid JSON and YAML). */
export function ascii(value) {
  return JSON.stringify(value, null, 2).replace(/[^\x20-\x7e\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A SAM template: `functions` maps logical ids to function properties (runtime, handler, code set by default). */
export function samTemplate(functions, extra = {}) {
  const resources = {};
  for (const [id, props] of Object.entries(functions)) {
    resources[id] = { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', InlineCode: 'exports.handler = async () => {};', ...props } };
  }
  return ascii({ AWSTemplateFormatVersion: '2010-09-09', Transform: 'AWS::Serverless-2016-10-31', ...extra, Resources: { ...resources, ...(extra.Resources ?? {}) } });
}
