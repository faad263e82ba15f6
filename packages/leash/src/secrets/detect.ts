/**
 * Is this environment variable's literal value a secret? Two kinds of evidence:
 *
 * 1. a known credential shape (AWS access key id, GitHub/GitLab/Slack/Stripe/Google/npm/OpenAI
 *    tokens, `.npmrc` credentials, private key blocks, JWTs, webhook URLs, URLs with an embedded
 *    password, bearer tokens, and secret-like names assigned a value in JSON or `.env` form:
 *    `"password": "..."`, `API_TOKEN=...`), which fires under any name;
 * 2. a secret-like variable name (`*SECRET*`, `*TOKEN*`, `*PASSWORD*`, `*API_KEY*`...) holding a
 *    value that looks random (Shannon entropy, length, character classes), and is not a name,
 *    path, ARN, URL, placeholder, number or boolean.
 *
 * The shapes of 1. are one list, SECRET_PATTERNS: detection takes the first match
 * ({@link findKnownSecret}); redaction (`engine/redact.ts`) replaces every match ({@link secretSpans}).
 * The helpers never return the value itself: callers show `redactSecret`'s preview.
 */

export type SecretKind =
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'discord-webhook'
  | 'stripe-live-key'
  | 'stripe-test-key'
  | 'google-api-key'
  | 'sendgrid-api-key'
  | 'npm-token'
  | 'pypi-token'
  | 'openai-api-key'
  | 'anthropic-api-key'
  | 'shopify-token'
  | 'private-key'
  | 'jwt'
  | 'url-password'
  | 'bearer-token'
  | 'high-entropy'
  | 'password';

export interface SecretMatch {
  readonly kind: SecretKind;
  /** Human-readable name of the format (`an AWS access key id`). */
  readonly label: string;
  /** The matched secret (never to be printed: pass it to a redactor). */
  readonly secret: string;
  /** Medium for test-mode keys and weak evidence, high otherwise. */
  readonly confidence: 'high' | 'medium';
  /** Shannon entropy in bits per character, for the name-based match. */
  readonly entropy?: number;
}

/** A credential shape recognised in any text, by detection (`findKnownSecret`) and redaction (`secretSpans`) alike. */
interface SecretPattern {
  /**
   * Flags `g` and `d`. The secret is the named group `secret` when there is one (the rest is the
   * context that makes the shape: a name, `://user:`, `Bearer `), else the whole match. A shape
   * that can fail after a long run starts only where a run of its alphabet starts (a lookbehind,
   * not `\b`: `-` is in the alphabet) or has bounded quantifiers, so that a long text is never
   * scanned again from each of its positions.
   */
  readonly pattern: RegExp;
  /** What the secret is, or undefined when this match is not one (a placeholder, a `${VAR}` hole...). */
  readonly classify: (secret: string, groups: Readonly<Record<string, string | undefined>>) => Omit<SecretMatch, 'secret'> | undefined;
}

/** A format recognised by its shape alone: any match that is not an example or placeholder. */
function shape(kind: SecretKind, label: string, pattern: RegExp, confidence: 'high' | 'medium' = 'high'): SecretPattern {
  return { pattern, classify: (secret) => (PLACEHOLDER_WORD.test(secret) ? undefined : { kind, label, confidence }) };
}

/** A value assigned to a name (`"password": "..."`, `PASSWORD=...`): a secret when the name says so and the value looks like one. */
function assignment(pattern: RegExp): SecretPattern {
  return { pattern, classify: (secret, groups) => detectByName(groups.name ?? '', secret) };
}

/** Words a name must contain for an assignment to be looked at (the full check is {@link isSecretLikeName}). */
const SECRETISH = String.raw`[\w.-]{0,64}?(?:pass|pwd|secret|token|key|auth|cred|salt|pepper|dsn|conn)[\w.-]{0,64}`;

/**
 * The one list of credential shapes. Word boundaries keep them from firing inside longer
 * identifiers; `PLACEHOLDER_WORD` keeps documentation examples (`AKIAIOSFODNN7EXAMPLE`) out.
 */
const SECRET_PATTERNS: readonly SecretPattern[] = [
  shape('aws-access-key-id', 'an AWS access key id', /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/dg),
  shape('github-token', 'a GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/dg),
  shape('gitlab-token', 'a GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}/dg),
  shape('slack-webhook', 'a Slack webhook URL', /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/dg),
  shape('slack-token', 'a Slack token', /\b(?:xox[abceoprs]|xapp)-[A-Za-z0-9-]{10,}/dg),
  shape('discord-webhook', 'a Discord webhook URL', /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,}/dg),
  shape('stripe-live-key', 'a Stripe live secret key', /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}/dg),
  shape('stripe-test-key', 'a Stripe test secret key', /\b(?:sk|rk)_test_[A-Za-z0-9]{16,}/dg, 'medium'),
  shape('google-api-key', 'a Google API key', /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg),
  shape('sendgrid-api-key', 'a SendGrid API key', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/dg),
  shape('npm-token', 'an npm token', /\bnpm_[A-Za-z0-9]{36}\b/dg),
  // .npmrc: `//registry.npmjs.org/:_authToken=...` (also `_auth`, base64 user:password, and `_password`).
  {
    pattern: /:_(?:authToken|auth|password)[ \t]*=[ \t]*["']?(?<secret>[^\s"']{8,512})/dg,
    classify: (secret) => (isPlaceholder(secret) ? undefined : { kind: 'npm-token', label: 'an npm registry credential', confidence: 'high' }),
  },
  shape('pypi-token', 'a PyPI token', /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/dg),
  shape('anthropic-api-key', 'an Anthropic API key', /\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}/dg),
  shape('openai-api-key', 'an OpenAI API key', /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,}/dg),
  shape('shopify-token', 'a Shopify access token', /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/dg),
  // The whole block is the secret (to the END line, or to the end of the text when it is cut).
  shape('private-key', 'a private key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/dg),
  shape('jwt', 'a JSON Web Token', /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/dg),
  {
    pattern: /\b[a-z][a-z0-9+.-]{0,15}:\/\/[^/\s:@]{0,256}:(?<secret>[^@\s/]{1,256})@[^\s@]/dgi,
    classify: (secret) => (isPlaceholder(secret) ? undefined : { kind: 'url-password', label: 'a URL with an embedded password', confidence: 'high' }),
  },
  {
    pattern: /\bBearer[ \t]+(?<secret>[A-Za-z0-9._~+/-]{20,512}=*)/dg,
    classify: (secret) => (isPlaceholder(secret) || characterClasses(secret) < 2 || shannonEntropy(secret) < 3.5 ? undefined : { kind: 'bearer-token', label: 'a bearer token', confidence: 'high' }),
  },
  // JSON: `"password": "..."`, `"clientSecret": "..."`.
  assignment(new RegExp(String.raw`"(?<name>${SECRETISH})"[ \t]*:[ \t]*"(?<secret>[^"\\\n]{1,512})"`, 'dgi')),
  // .env, shell, ini, connection strings: `PASSWORD=...`, `export API_TOKEN="..."`, `Password=...;` (not `$token = ...`, a variable of code).
  assignment(new RegExp(String.raw`(?<![\w.$-])(?<name>${SECRETISH})[ \t]*=[ \t]*(?<quote>["']?)(?<secret>[^\s"'\`;]{1,512})\k<quote>`, 'dgi')),
];

/** Words in a variable name that say its value is a credential. */
const SECRET_NAME = /(?:^|_|-|\b)(?:SECRET|SECRETS|TOKEN|TOKENS|PASSWORD|PASSWD|PASSPHRASE|PWD|PASS|APIKEY|API_KEY|PRIVATE_KEY|PRIVATEKEY|CREDENTIAL|CREDENTIALS|CREDS|ACCESS_KEY|SECRET_KEY|AUTH_KEY|SIGNING_KEY|ENCRYPTION_KEY|MASTER_KEY|CLIENT_SECRET|WEBHOOK_SECRET|SALT|PEPPER|HMAC_KEY|LICENSE_KEY|CONNECTION_STRING|CONN_STR|DSN)(?:$|_|-|\b)/i;
const PASSWORD_NAME = /(?:^|_|-)(?:PASSWORD|PASSWD|PASSPHRASE|PWD|PASS)(?:$|_|-)/i;

/**
 * A last word that turns a secret-like name into the name of something else: `SECRET_NAME`,
 * `TOKEN_TABLE`, `API_KEY_HEADER`, `PASSWORD_MIN_LENGTH`, `SECRET_ARN`, `TOKEN_TTL`.
 */
const REFERENCE_SUFFIX = /(?:_|-)(?:NAME|NAMES|ARN|ARNS|ID|IDS|KEY_ID|PATH|PARAM|PARAMETER|PARAMETER_NAME|SSM|SSM_PATH|PREFIX|URL|URI|ENDPOINT|HOST|TABLE|BUCKET|QUEUE|TOPIC|REGION|TTL|EXPIRY|EXPIRATION|EXPIRES|EXPIRES_IN|LIFETIME|DURATION|TIMEOUT|LENGTH|LEN|SIZE|MIN|MAX|MIN_LENGTH|HEADER|HEADER_NAME|FIELD|TYPE|ALGORITHM|ALG|ISSUER|AUDIENCE|ENABLED|DISABLED|REQUIRED|POLICY|ROTATION|ROTATION_DAYS|VERSION|STAGE|FILE|LOCATION|SOURCE|PROVIDER|STORE|MODE|FORMAT|COUNT|LIMIT|INTERVAL|DAYS|HOURS|SECONDS|USE|USER|USERNAME|LOGIN|ENV|KMS_KEY|KEY_ALIAS)$/i;

/** Variables the platform or well-known libraries own; their values are configuration (checkov#7310, PR #882). */
const IGNORED_NAMES = /^(?:AWS_CA_BUNDLE|AWS_REGION|AWS_DEFAULT_REGION|AWS_NODEJS_CONNECTION_REUSE_ENABLED|AWS_LAMBDA_EXEC_WRAPPER|AWS_XRAY_\w+|POWERTOOLS_\w+|NODE_OPTIONS|NODE_ENV|LOG_LEVEL|TZ|LANG|PATH|JAVA_TOOL_OPTIONS|PYTHONPATH|DD_\w+_ENABLED|OTEL_\w+)$/;

/** Values that are obviously not real: placeholders, template holes, masks. */
const PLACEHOLDER = /^(?:x+|X+|\*+|\.+|-+|#+|0+|changeme|change[-_ ]?me|replace[-_ ]?me|to[-_ ]?be[-_ ]?replaced|todo|tbd|fixme|none|null|nil|undefined|empty|dummy|placeholder|secret|password|token|example|sample|test|testing|default|redacted|hidden|your[-_ ].*|my[-_ ]?(?:secret|token|password|api[-_ ]?key)|<[^>]*>|\[[^\]]*\]|\{\{[^}]*\}\}|\$\{[^}]*\}|%[A-Z_]+%|\$[A-Z_][A-Z0-9_]*)$/i;

/** Words that mark a value as an example to be replaced: `KEYEXAMPLE1234`, `REPLACE-WITH-YOUR-SECRET`, AWS's `…EXAMPLEKEY`. */
const PLACEHOLDER_WORD = /example|replace|your[-_ ]?(?:own|real|secret|key|token|password|api)|change[-_ ]?(?:me|this|it)|placeholder|dummy|fake|sample|insert[-_ ]|todo|xxxx|<[^>]*>/i;

/** Shannon entropy of `value` in bits per character. */
export function shannonEntropy(value: string): number {
  const chars = [...value];
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

/** True when the name says the variable holds a credential (and not the name, ARN, TTL... of one). */
export function isSecretLikeName(name: string): boolean {
  if (IGNORED_NAMES.test(name)) return false;
  const normalized = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  if (!SECRET_NAME.test(normalized)) return false;
  return !REFERENCE_SUFFIX.test(normalized);
}

function isIgnoredName(name: string): boolean {
  return IGNORED_NAMES.test(name);
}

/** A path-like value: `/prod/db/password`, `~/.gcloud/keyfile.json`, `prod/MyApp/DbCreds`, `config/app.json` (each segment made of words, unlike base64). */
function isPathLike(v: string): boolean {
  if (/^~?\/[^/\s]/.test(v)) return true;
  const segments = v.split('/');
  return segments.length >= 2 && segments.every((s) => /^(?:[A-Z]?[a-z0-9]+)+(?:[-_.]?(?:[A-Z]?[a-z0-9]+))*$/.test(s) || /^[a-z0-9._-]+$/.test(s));
}

/**
 * Values that are references or configuration, never a literal credential. Under a password
 * name a single lowercase word is still a (weak) password; under other names it is a label.
 */
function looksLikeNonSecret(value: string, passwordName: boolean): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (PLACEHOLDER.test(v) || PLACEHOLDER_WORD.test(v)) return true;
  if (/^(?:true|false|yes|no|on|off|enabled|disabled)$/i.test(v)) return true;
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(v)) return true;
  if (v.startsWith('arn:')) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return true; // URLs (credentials in them are checked separately)
  if (/^\{\{resolve:/.test(v) || /^\$\{(?:[^{}]|\{[^{}]*\})*\}$/.test(v)) return true; // one `${...}`, nested ones too: `${file(./${self:provider.stage}.yml):X}`
  if (/^\$[A-Za-z_]\w*(?:\.\w+)+$/.test(v)) return true; // VTL and template references: `$context.authorizer.token`
  if (/^[A-Za-z_$][\w$.]*\(/.test(v)) return true; // code: `os.environ.get(`, `secrets.token_hex(16)`
  if (/\s/.test(v) && !/^-----BEGIN/.test(v)) return true; // sentences, lists
  if (isPathLike(v)) return true; // SSM parameter names, secret names, file paths
  if (/^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/.test(v) && !/[A-Z].*[0-9]|[0-9].*[A-Z]/.test(v)) return true; // host names, `index.handler`
  if (/^[a-z]+(?:[-_.][a-z0-9]+)+$/.test(v)) return true; // `my-app-secret-name`, `prod-db-password`
  if (!passwordName && /^[a-z]+(?:[A-Z][a-z]+)*$/.test(v)) return true; // a single word, or a camelCase name
  if (/^[A-Z]+(?:_[A-Z]+)*$/.test(v)) return true; // enum-like constants: `BEARER`, `NONE_SET`
  return false;
}

/** Template holes, masks and placeholders (`${DB_PASSWORD}`, `****`, `<password>`, `%TOKEN%`) and text leash already redacted. */
function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || PLACEHOLDER_WORD.test(value) || /\$\{|\{\{|%[A-Z_]+%|^\$[A-Z_]|…/.test(value);
}

interface SecretSpan {
  readonly start: number;
  readonly end: number;
  readonly match: SecretMatch;
}

/** Every credential `pattern` finds in `text`. */
function* spansOf(text: string, { pattern, classify }: SecretPattern): Generator<SecretSpan> {
  for (const m of text.matchAll(pattern)) {
    const [start, end] = m.indices?.groups?.secret ?? m.indices![0]!;
    const secret = text.slice(start, end);
    const found = classify(secret, m.groups ?? {});
    if (found) yield { start, end, match: { ...found, secret } };
  }
}

/** The first known credential in `text`, in the order of the list (also used on the literal parts of `!Sub` / `!Join`). */
export function findKnownSecret(text: string): SecretMatch | undefined {
  for (const pattern of SECRET_PATTERNS) {
    for (const span of spansOf(text, pattern)) return span.match;
  }
  return undefined;
}

/** Where the known credentials of `text` are: `[start, end)` ranges, sorted, overlapping ones merged (what redaction replaces). */
export function secretSpans(text: string): [number, number][] {
  const spans = SECRET_PATTERNS.flatMap((pattern) => [...spansOf(text, pattern)]).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: [number, number][] = [];
  for (const { start, end } of spans) {
    const last = merged.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Decide whether the literal `value` of the variable `name` is a secret. */
export function detectSecret(name: string, value: string): SecretMatch | undefined {
  if (isIgnoredName(name)) return undefined;
  return findKnownSecret(value) ?? detectByName(name, value);
}

/** The name says `value` is a credential and the value looks like one (not a reference, placeholder, number...). */
function detectByName(name: string, value: string): SecretMatch | undefined {
  if (!isSecretLikeName(name) || value.includes('…')) return undefined;
  const passwordName = PASSWORD_NAME.test(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
  if (looksLikeNonSecret(value, passwordName)) return undefined;
  const v = value.trim();
  const entropy = shannonEntropy(v);
  if (passwordName) {
    // Passwords are short and human-made: any non-placeholder literal of 6+ characters is one.
    if (v.length >= 6) return { kind: 'password', label: 'a password', secret: v, confidence: characterClasses(v) >= 2 ? 'high' : 'medium', entropy };
    return undefined;
  }
  if (/^[A-Za-z0-9/+]{40}$/.test(v) && /AWS|SECRET_ACCESS/i.test(name) && entropy >= 4) {
    return { kind: 'aws-secret-access-key', label: 'an AWS secret access key', secret: v, confidence: 'high', entropy };
  }
  // Random-looking: long enough, mixed alphabet, and about as much entropy as a hex string of its length.
  const threshold = Math.min(3.5, Math.log2(v.length) * 0.85);
  if (v.length >= 12 && characterClasses(v) >= 2 && entropy >= threshold) {
    return { kind: 'high-entropy', label: 'a high-entropy value', secret: v, confidence: v.length >= 20 ? 'high' : 'medium', entropy };
  }
  return undefined;
}
