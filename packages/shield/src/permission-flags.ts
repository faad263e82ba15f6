/**
 * Node permission-model flags derived from a shield policy: the second layer the exec wrapper adds.
 * The PM checks file and process access in C++ (so it also covers code that found a way around the
 * JS shield), but has no host-level network control before Node 25 and needs `--allow-addons` on
 * Lambda (the runtime client is a native addon). Pure: unit-tested without starting Node.
 */
import type { Policy } from './policy.js';

export interface PermissionContext {
  /** Major version of the Node that will run the function. */
  readonly nodeMajor: number;
  /** Directories the runtime itself must read (runtime, code, layers, the shield). */
  readonly runtimeReadPaths: readonly string[];
  /** Native addons must load (true on Lambda: the runtime interface client is one). */
  readonly needsAddons: boolean;
}

/** The flags, or [] when this Node has no permission model (before 20) or the policy only alerts. */
export function permissionFlags(policy: Policy, context: PermissionContext): string[] {
  // Alert mode lets violations through; the PM would block them, so it stays off.
  if (context.nodeMajor < 20 || policy.mode === 'alert') return [];
  const flags = [context.nodeMajor >= 22 ? '--permission' : '--experimental-permission'];
  // One flag per path: comma-separated lists in one flag are not reliable across versions.
  const unique = (paths: readonly string[]) => [...new Set(paths)];
  if (policy.fs?.read === undefined) flags.push('--allow-fs-read=*');
  else for (const path of unique([...policy.fs.read, ...context.runtimeReadPaths])) flags.push(`--allow-fs-read=${path}`);
  if (policy.fs?.write === undefined) flags.push('--allow-fs-write=*');
  else for (const path of unique(policy.fs.write)) flags.push(`--allow-fs-write=${path}`);
  if (policy.exec === undefined || policy.exec.allow.length > 0) flags.push('--allow-child-process');
  // Workers always get the JS shield forced into them; the PM cannot tell them apart.
  flags.push('--allow-worker');
  if (context.needsAddons || policy.addons === undefined || policy.addons.allow.length > 0) flags.push('--allow-addons');
  return flags;
}
