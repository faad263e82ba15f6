/**
 * The Lambda runtime lifecycle, dated: when each runtime is deprecated (no more security patches),
 * when creating functions on it is blocked, and when updating them is blocked. Dates are AWS's
 * published schedule (the same data cfn-lint ships); a rule compares them with the current date,
 * so the table never goes stale the way a frozen "deprecated runtimes" list does.
 *
 * This module is data plus date arithmetic; it is not a rule (it has no default export).
 */
import { LeashError } from '../errors.js';

export interface RuntimeLifecycle {
  readonly runtime: string;
  /** ISO date (UTC) of the deprecation: from then on, no security patches. */
  readonly deprecated: string;
  /** ISO date from which new functions on this runtime can't be created. */
  readonly blockCreate?: string;
  /** ISO date from which existing functions on this runtime can't be updated. */
  readonly blockUpdate?: string;
  /** True for runtimes long retired: create and update are blocked (exact dates not recorded). */
  readonly retired?: boolean;
  /** The runtime to move to. */
  readonly successor: string;
}

const NODE = 'nodejs24.x';
const PYTHON = 'python3.14';
const RUBY = 'ruby4.0';
const DOTNET = 'dotnet10';
const JAVA = 'java25';
const PROVIDED = 'provided.al2023';

function retired(runtime: string, deprecated: string, successor: string): RuntimeLifecycle {
  return { runtime, deprecated, retired: true, successor };
}

function dated(runtime: string, deprecated: string, blockCreate: string | undefined, blockUpdate: string | undefined, successor: string): RuntimeLifecycle {
  const entry: { runtime: string; deprecated: string; blockCreate?: string; blockUpdate?: string; successor: string } = { runtime, deprecated, successor };
  if (blockCreate !== undefined) entry.blockCreate = blockCreate;
  if (blockUpdate !== undefined) entry.blockUpdate = blockUpdate;
  return entry;
}

/** Every runtime Lambda has had (zip package type), by identifier. */
export const RUNTIMES: readonly RuntimeLifecycle[] = [
  // Long retired: deprecated, create and update blocked.
  retired('nodejs', '2016-08-30', NODE),
  retired('dotnetcore2.0', '2019-05-30', DOTNET),
  retired('dotnetcore1.0', '2019-06-27', DOTNET),
  retired('nodejs6.10', '2019-08-12', NODE),
  retired('nodejs4.3', '2020-03-05', NODE),
  retired('nodejs4.3-edge', '2020-03-05', NODE),
  retired('nodejs8.10', '2020-03-06', NODE),
  retired('python2.7', '2021-07-15', PYTHON),
  retired('nodejs10.x', '2021-07-30', NODE),
  retired('ruby2.5', '2021-07-30', RUBY),
  retired('dotnetcore2.1', '2022-01-05', DOTNET),
  retired('python3.6', '2022-07-18', PYTHON),
  retired('nodejs12.x', '2023-03-31', NODE),
  retired('dotnetcore3.1', '2023-04-03', DOTNET),
  // Deprecated; create blocked; update blocked later.
  dated('nodejs14.x', '2023-12-04', '2024-01-09', '2027-03-03', NODE),
  dated('python3.7', '2023-12-04', '2024-01-09', '2027-03-03', PYTHON),
  dated('ruby2.7', '2023-12-07', '2024-01-09', '2027-03-03', RUBY),
  dated('go1.x', '2024-01-08', '2024-02-08', '2027-03-03', PROVIDED),
  dated('java8', '2024-01-08', '2024-02-08', '2027-03-03', JAVA),
  dated('provided', '2024-01-08', '2024-02-08', '2027-03-03', PROVIDED),
  dated('nodejs16.x', '2024-06-12', '2027-02-01', '2027-03-03', NODE),
  dated('python3.8', '2024-10-14', '2027-02-01', '2027-03-03', PYTHON),
  dated('dotnet6', '2024-12-20', '2027-02-01', '2027-03-03', DOTNET),
  dated('nodejs18.x', '2025-09-01', '2027-02-01', '2027-03-03', NODE),
  dated('python3.9', '2025-12-15', '2027-02-01', '2027-03-03', PYTHON),
  dated('ruby3.2', '2026-03-31', '2027-02-01', '2027-03-03', RUBY),
  dated('nodejs20.x', '2026-04-30', '2027-02-01', '2027-03-03', NODE),
  dated('provided.al2', '2026-07-31', '2027-02-01', '2027-03-03', PROVIDED),
  dated('python3.10', '2026-10-31', '2027-02-01', '2027-03-03', PYTHON),
  dated('dotnet8', '2026-11-10', '2027-02-01', '2027-03-03', DOTNET),
  dated('dotnet9', '2026-11-10', undefined, undefined, DOTNET),
  dated('ruby3.3', '2027-03-31', '2027-04-30', '2027-05-31', RUBY),
  dated('nodejs22.x', '2027-04-30', '2027-06-01', '2027-07-01', NODE),
  dated('java11', '2027-06-30', '2027-07-31', '2027-08-31', JAVA),
  dated('java17', '2027-06-30', '2027-07-31', '2027-08-31', JAVA),
  dated('java8.al2', '2027-06-30', '2027-07-31', '2027-08-31', JAVA),
  dated('python3.11', '2027-06-30', '2027-07-31', '2027-08-31', PYTHON),
  dated('ruby3.4', '2028-03-31', '2028-04-30', '2028-05-31', RUBY),
  dated('nodejs24.x', '2028-04-30', '2028-06-01', '2028-07-01', NODE),
  dated('python3.12', '2028-10-31', '2028-11-30', '2029-01-10', PYTHON),
  dated('dotnet10', '2028-11-14', '2028-12-14', '2029-01-15', DOTNET),
  dated('ruby4.0', '2029-03-31', '2029-04-30', '2029-05-31', RUBY),
  dated('java21', '2029-06-30', '2029-07-31', '2029-08-31', JAVA),
  dated('java25', '2029-06-30', '2029-07-31', '2029-08-31', JAVA),
  dated('provided.al2023', '2029-06-30', '2029-07-31', '2029-08-31', PROVIDED),
  dated('python3.13', '2029-06-30', '2029-07-31', '2029-08-31', PYTHON),
  dated('python3.14', '2029-06-30', '2029-07-31', '2029-08-31', PYTHON),
];

const BY_RUNTIME = new Map(RUNTIMES.map((r) => [r.runtime, r]));

export function runtimeLifecycle(runtime: string): RuntimeLifecycle | undefined {
  return BY_RUNTIME.get(runtime.trim().toLowerCase());
}

/** Days before the deprecation date from which a runtime is reported as "approaching". */
export const DEFAULT_WARN_DAYS = 180;

export type RuntimeStatus =
  /** Updates are blocked: the function can no longer be changed in place. */
  | 'update-blocked'
  /** New functions can't be created (a fresh deploy of the stack fails); updates still work. */
  | 'create-blocked'
  /** Past the deprecation date: no more security patches. */
  | 'deprecated'
  /** Deprecation within the warning window. */
  | 'approaching'
  | 'supported';

export interface RuntimeAssessment {
  readonly status: RuntimeStatus;
  readonly lifecycle: RuntimeLifecycle;
  /** Whole days from `now` to the deprecation date (negative once past). */
  readonly daysToDeprecation: number;
}

const DAY_MS = 86_400_000;

function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

/** Where a runtime stands on `now` (UTC date). */
export function assessRuntime(lifecycle: RuntimeLifecycle, now: Date, warnDays = DEFAULT_WARN_DAYS): RuntimeAssessment {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysToDeprecation = Math.round((dayOf(lifecycle.deprecated) - today) / DAY_MS);
  const reached = (iso: string | undefined): boolean => iso !== undefined && today >= dayOf(iso);
  let status: RuntimeStatus;
  if (lifecycle.retired || reached(lifecycle.blockUpdate)) status = 'update-blocked';
  else if (reached(lifecycle.blockCreate)) status = 'create-blocked';
  else if (daysToDeprecation <= 0) status = 'deprecated';
  else if (daysToDeprecation <= warnDays) status = 'approaching';
  else status = 'supported';
  return { status, lifecycle, daysToDeprecation };
}

/** Environment variable that pins "today" for runtime dates (`2026-01-31`): reproducible scans and tests. */
export const NOW_ENV = 'LEASH_NOW';
/** Environment variable that sets the warning window in days (default 180). */
export const WARN_DAYS_ENV = 'LEASH_RUNTIME_WARN_DAYS';

/** The date runtime rules compare with: `LEASH_NOW` when set, else the clock. */
export function currentDate(env: NodeJS.ProcessEnv = process.env): Date {
  const pinned = env[NOW_ENV];
  if (pinned === undefined || pinned === '') return new Date();
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(pinned) || Number.isNaN(Date.parse(pinned))) {
    throw new LeashError('ERR_LEASH_USAGE', `${NOW_ENV} must be an ISO date such as 2026-01-31, got "${pinned}"`);
  }
  return new Date(pinned);
}

/** The warning window: `LEASH_RUNTIME_WARN_DAYS` when set, else {@link DEFAULT_WARN_DAYS}. */
export function warnDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[WARN_DAYS_ENV];
  if (raw === undefined || raw === '') return DEFAULT_WARN_DAYS;
  if (!/^\d+$/.test(raw)) throw new LeashError('ERR_LEASH_USAGE', `${WARN_DAYS_ENV} must be a whole number of days, got "${raw}"`);
  return Number(raw);
}
