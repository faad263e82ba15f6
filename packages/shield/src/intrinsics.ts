/**
 * JavaScript built-ins captured when the shield loads, for the decision code (decide.ts, ip.ts):
 * user code can later replace `String.prototype.startsWith`, `RegExp.prototype.test`,
 * `Array.prototype[Symbol.iterator]`... without changing a decision. No Node APIs here: the
 * decision stays pure. Loops over arrays use indexes, never the (replaceable) array iterator.
 */
const uncurry = <T extends (...args: never[]) => unknown>(fn: T) => Function.prototype.call.bind(fn) as unknown as (self: unknown, ...args: Parameters<T>) => ReturnType<T>;

export const StrStartsWith = uncurry(String.prototype.startsWith) as (self: string, search: string, position?: number) => boolean;
export const StrEndsWith = uncurry(String.prototype.endsWith) as (self: string, search: string) => boolean;
export const StrIncludes = uncurry(String.prototype.includes) as (self: string, search: string) => boolean;
export const StrIndexOf = uncurry(String.prototype.indexOf) as (self: string, search: string, from?: number) => number;
export const StrLastIndexOf = uncurry(String.prototype.lastIndexOf) as (self: string, search: string) => number;
export const StrSlice = uncurry(String.prototype.slice) as (self: string, start?: number, end?: number) => string;
export const StrSplit = uncurry(String.prototype.split) as unknown as (self: string, separator: string) => string[];
export const StrToLowerCase = uncurry(String.prototype.toLowerCase) as (self: string) => string;
export const StrCharCodeAt = uncurry(String.prototype.charCodeAt) as (self: string, index: number) => number;
export const RegExpTest = uncurry(RegExp.prototype.test) as (self: RegExp, text: string) => boolean;
export const ArrPush = uncurry(Array.prototype.push) as <T>(self: T[], ...items: T[]) => number;
export const NumberParseInt = Number.parseInt;
export const NumberIsInteger = Number.isInteger;
export const NumberFn = Number;
