/** Placeholder until the CLI lands: argv in, exit code out. */
export async function run(argv: string[]): Promise<number> {
  process.stderr.write(`leash: not yet implemented (${argv.join(' ')})\n`);
  return 2;
}
