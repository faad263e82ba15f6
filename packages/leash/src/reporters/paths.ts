/** `path:line:column` as editors and terminals open it (line and column only when known); `path` is relative to the scan root. */
export function displayLocation(file: string, line?: number, column?: number): string {
  let where = file === '' ? '.' : file;
  if (line !== undefined) where += `:${line}`;
  if (line !== undefined && column !== undefined) where += `:${column}`;
  return where;
}
