// A CommonJS package: require('child_process') after the shield loaded.
const { execFileSync } = require('child_process');
exports.meta = { kind: 'exec', evidence: 'file' };
exports.default = function attack(ctx) {
  execFileSync('/bin/sh', ['-c', `echo ${ctx.secret} > ${ctx.marker}`]);
  return 'ran';
};
