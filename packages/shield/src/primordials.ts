/**
 * Our own copies of every built-in the checker relies on, taken when the shield module loads (before
 * user code runs). Code loaded later can replace `String.prototype.startsWith`, `path.resolve`,
 * `process.cwd`, `Error.prepareStackTrace`... without changing what the shield sees
 * (the lesson of CVE-2024-21891 / CVE-2024-21896 in Node's own permission model).
 */
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const uncurry = <T extends (...args: never[]) => unknown>(fn: T) => Function.prototype.call.bind(fn) as unknown as (self: unknown, ...args: Parameters<T>) => ReturnType<T>;

export const ReflectApply = Reflect.apply;
export const ReflectConstruct = Reflect.construct;
export const ObjectDefineProperty = Object.defineProperty;
export const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const ObjectFreeze = Object.freeze;
export const ObjectAssign = Object.assign;
export const ObjectKeys = Object.keys;
export const ArrayIsArray = Array.isArray;
export const JSONStringify = JSON.stringify;
export const JSONParse = JSON.parse;
export const NumberCtor = Number;
export const StringCtor = String;
export const DateNow = Date.now;
export const DateToISOString = uncurry(Date.prototype.toISOString);
export const StringStartsWith = uncurry(String.prototype.startsWith);
export const StringEndsWith = uncurry(String.prototype.endsWith);
export const StringIncludes = uncurry(String.prototype.includes);
export const StringIndexOf = uncurry(String.prototype.indexOf);
export const StringLastIndexOf = uncurry(String.prototype.lastIndexOf);
export const StringSlice = uncurry(String.prototype.slice);
export const StringSplit = uncurry(String.prototype.split) as unknown as (self: string, sep: string) => string[];
export const ArrayPush = uncurry(Array.prototype.push) as (self: unknown[], ...items: unknown[]) => number;
export const ArraySlice = uncurry(Array.prototype.slice) as <T>(self: readonly T[], start?: number, end?: number) => T[];
export const ArrayJoin = uncurry(Array.prototype.join) as (self: readonly unknown[], sep: string) => string;
export const SetHas = uncurry(Set.prototype.has) as (self: Set<unknown>, v: unknown) => boolean;
export const SetAdd = uncurry(Set.prototype.add) as (self: Set<unknown>, v: unknown) => Set<unknown>;
export const MapGet = uncurry(Map.prototype.get) as <V>(self: Map<string, V>, k: string) => V | undefined;
export const MapSet = uncurry(Map.prototype.set) as <V>(self: Map<string, V>, k: string, v: V) => Map<string, V>;
export const MapDelete = uncurry(Map.prototype.delete) as (self: Map<string, unknown>, k: string) => boolean;
export const PromiseReject = Promise.reject.bind(Promise) as (reason: unknown) => Promise<never>;
export const ErrorCtor = Error;
export const ErrorCaptureStackTrace = Error.captureStackTrace;
export const nextTick = process.nextTick;
export const processCwd = process.cwd.bind(process);
export const processExecPath = process.execPath;
export const pathResolve = path.resolve;
export const pathDirname = path.dirname;
export const pathBasename = path.basename;
export const pathJoin = path.join;
export const fsRealpathNative = fs.realpathSync.native;
export const fsWriteSync = fs.writeSync;
export const fsReadFileSync = fs.readFileSync;
export const fsStatSync = fs.statSync;
export const fsAccessSync = fs.accessSync;
export const urlFileURLToPath = fileURLToPath;
export const urlPathToFileURL = pathToFileURL;
export const URLCtor = URL;
const hrefGetter = Object.getOwnPropertyDescriptor(URL.prototype, 'href')!.get!;
export const URLHref = uncurry(hrefGetter as () => string) as (self: URL) => string;
const bufferToString = uncurry(Buffer.prototype.toString) as (self: Buffer, encoding?: string) => string;
const BufferFrom = Buffer.from;
export const BufferCopyOf = (bytes: Uint8Array): Buffer => BufferFrom(bytes);
export const BufferToUtf8 = (bytes: Uint8Array): string => bufferToString(BufferFrom(bytes), 'utf8');
export const isUint8Array = (value: unknown): value is Uint8Array => value instanceof Uint8Array;
