// Loaded into every Node.js process of a measured command (through NODE_OPTIONS=--require, so npm's
// own process counts too): at exit, appends the process's CPU time and peak resident set to the
// file named by BENCH_USAGE_FILE, one JSON line per process.
'use strict';
const fs = require('fs');

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.once('exit', () => {
    const cpu = process.cpuUsage();
    const line = { pid: process.pid, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
