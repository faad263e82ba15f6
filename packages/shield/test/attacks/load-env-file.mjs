// process.loadEnvFile reads a file from C++, outside the public fs API.
export const meta = { kind: 'fs-read', evidence: 'value' };
export default function attack(ctx) {
  process.loadEnvFile(ctx.secretEnvFile);
  return process.env.LEAKED_BY_ENV_FILE;
}
