/**
 * Is this environment variable's literal value a secret? Two kinds of evidence:
 *
 * 1. a known credential format (AWS access key id, GitHub/GitLab/Slack/Stripe/Google/npm/OpenAI
 *    tokens, private key blocks, JWTs, webhook URLs, URLs with an embedded password), which fires
 *    under any name;
 * 2. a secret-like variable name (`*SECRET*`, `*TOKEN*`, `*PASSWORD*`, `*API_KEY*`...) holding a
 *    value that looks random (Shannon entropy, length, character classes), and is not a name,
 *    path, ARN, URL, placeholder, number or boolean.
 *
 * The helpers never return the value itself: callers show {@link redactSecret}'s preview.
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

interface KnownFormat {
  readonly kind: SecretKind;
  readonly label: string;
  readonly pattern: RegExp;
  readonly confidence?: 'medium';
}

/** Formats recognised by shape alone. Word boundaries keep them from firing inside longer identifiers. */
const KNOWN_FORMATS: readonly KnownFormat[] = [
  { kind: 'aws-access-key-id', label: 'an AWS access key id', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/ },
  { kind: 'github-token', label: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/ },
  { kind: 'gitlab-token', label: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { kind: 'slack-webhook', label: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/ },
  { kind: 'slack-token', label: 'a Slack token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/ },
  { kind: 'discord-webhook', label: 'a Discord webhook URL', pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,}/ },
  { kind: 'stripe-live-key', label: 'a Stripe live secret key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}/ },
  { kind: 'stripe-test-key', label: 'a Stripe test secret key', pattern: /\b(?:sk|rk)_test_[A-Za-z0-9]{16,}/, confidence: 'medium' },
  { kind: 'google-api-key', label: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { kind: 'sendgrid-api-key', label: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { kind: 'npm-token', label: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'pypi-token', label: 'a PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/ },
  { kind: 'anthropic-api-key', label: 'an Anthropic API key', pattern: /\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}/ },
  { kind: 'openai-api-key', label: 'an OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/ },
  { kind: 'shopify-token', label: 'a Shopify access token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/ },
  { kind: 'private-key', label: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'jwt', label: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/ },
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

/** A path-like value: `/prod/db/password`, `prod/MyApp/DbCreds`, `config/app.json` (each segment made of words, unlike base64). */
function isPathLike(v: string): boolean {
  if (/^\/[^/\s]/.test(v)) return true;
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
  if (/^\{\{resolve:/.test(v) || /^\$\{[^}]+\}$/.test(v)) return true;
  if (/\s/.test(v) && !/^-----BEGIN/.test(v)) return true; // sentences, lists
  if (isPathLike(v)) return true; // SSM parameter names, secret names, file paths
  if (/^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/.test(v) && !/[A-Z].*[0-9]|[0-9].*[A-Z]/.test(v)) return true; // host names, `index.handler`
  if (/^[a-z]+(?:[-_.][a-z0-9]+)+$/.test(v)) return true; // `my-app-secret-name`, `prod-db-password`
  if (!passwordName && /^[a-z]+$/.test(v)) return true; // a single word
  if (/^[A-Z]+(?:_[A-Z]+)*$/.test(v)) return true; // enum-like constants: `BEARER`, `NONE_SET`
  return false;
}

/**
 * A password in a URL's userinfo (`postgres://app:s3cret@db:5432/x`). Template holes and masks
 * (`${DB_PASSWORD}`, `****`, `<password>`) are not passwords.
 */
function urlPassword(value: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/\s:@]*):([^@\s/]+)@[^\s]+/i.exec(value.trim());
  if (!m) return undefined;
  const password = m[2]!;
  if (PLACEHOLDER.test(password) || PLACEHOLDER_WORD.test(password) || /\$\{|\{\{|%[A-Z_]+%|^\$[A-Z_]/.test(password)) return undefined;
  return password;
}

/** Known credential formats anywhere in `text` (also used on the literal parts of `!Sub` / `!Join`). */
export function findKnownSecret(text: string): SecretMatch | undefined {
  for (const format of KNOWN_FORMATS) {
    const m = format.pattern.exec(text);
    if (m && !PLACEHOLDER_WORD.test(m[0])) return { kind: format.kind, label: format.label, secret: m[0], confidence: format.confidence ?? 'high' };
  }
  const password = urlPassword(text);
  if (password !== undefined) return { kind: 'url-password', label: 'a URL with an embedded password', secret: password, confidence: 'high' };
  return undefined;
}

/** Decide whether the literal `value` of the variable `name` is a secret. */
export function detectSecret(name: string, value: string): SecretMatch | undefined {
  if (isIgnoredName(name)) return undefined;
  const known = findKnownSecret(value);
  if (known) return known;
  if (!isSecretLikeName(name)) return undefined;
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
