// An allowed executable keeps working.
import { execFileSync } from 'node:child_process';
export const meta = { allowed: true };
export default () => execFileSync('/bin/echo', ['ok']).toString().trim();
