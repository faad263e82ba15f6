// Preloaded into each CLI run of the hostile-input suite: writes the process's peak RSS (kB) to
// the file named by LEASH_TEST_RSS_FILE when it exits, however it exits (a crash leaves no file).
'use strict';
const { writeFileSync } = require('node:fs');
const file = process.env.LEASH_TEST_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
