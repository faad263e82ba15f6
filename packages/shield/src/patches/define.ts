/**
 * Installs a wrapper in place of a built-in function: same name and length, and the property made
 * non-writable and non-configurable where the object allows it, so code loaded later cannot put
 * the original back or swap in its own.
 */
import { ObjectDefineProperty, ObjectGetOwnPropertyDescriptor } from '../primordials.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFunction = (this: any, ...args: any[]) => any;

export function lockProperty(target: object, name: PropertyKey, value: unknown): void {
  const descriptor = ObjectGetOwnPropertyDescriptor(target, name);
  const enumerable = descriptor ? descriptor.enumerable === true : false;
  try {
    ObjectDefineProperty(target, name, { value, writable: false, configurable: false, enumerable });
  } catch {
    // already non-configurable: fall back to a plain assignment when that is allowed
    (target as Record<PropertyKey, unknown>)[name] = value;
  }
}

export const PROMISIFY_CUSTOM = Symbol.for('nodejs.util.promisify.custom');

export function replaceFunction<F extends AnyFunction>(target: object, name: string, make: (original: F) => AnyFunction): F | undefined {
  const original = (target as Record<string, unknown>)[name];
  if (typeof original !== 'function') return undefined;
  const wrapper = make(original as F);
  try {
    ObjectDefineProperty(wrapper, 'name', { value: (original as F).name, configurable: true });
    ObjectDefineProperty(wrapper, 'length', { value: (original as F).length, configurable: true });
  } catch {
    // cosmetic only
  }
  // Keep properties hung on the function, e.g. `fs.realpath.native`, `util.promisify.custom`.
  for (const key of Reflect.ownKeys(original)) {
    // promisify.custom would hand out a promise version bound to the unwrapped original.
    if (key === 'name' || key === 'length' || key === 'prototype' || key === PROMISIFY_CUSTOM) continue;
    const descriptor = ObjectGetOwnPropertyDescriptor(original, key);
    if (descriptor && !Object.prototype.hasOwnProperty.call(wrapper, key)) {
      try {
        ObjectDefineProperty(wrapper, key, descriptor);
      } catch {
        // skip
      }
    }
  }
  lockProperty(target, name, wrapper);
  return original as F;
}
