#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli (built by `npm run build`, which `npm ci` runs through `prepare`).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
