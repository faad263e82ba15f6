// `leash scan` as the library runs it with `readEnv: true` (the CLI has no flag to read the
// environment): `read-env-main.mjs <path> --format <format>`, output and exit code as the CLI's.
import { main } from '../../dist/main.js';

const [path, , format] = process.argv.slice(2);
const result = main({ path, format, readEnv: true });
process.stdout.write(result.output);
for (const line of result.errors) process.stderr.write(`${line}\n`);
process.exitCode = result.exitCode;
