// node:inspector: an in-process session evaluates code and reads any closure (`[[Scopes]]`), where
// the shield's wrappers keep the originals they call.
import { Session } from 'node:inspector';
export const meta = { kind: 'worker', evidence: 'value', expect: '2' };
export default function attack() {
  const session = new Session();
  session.connect();
  return new Promise((resolve, reject) => {
    session.post('Runtime.evaluate', { expression: '1 + 1' }, (error, result) => {
      session.disconnect();
      if (error) reject(error);
      else resolve(String(result.result.value));
    });
  });
}
