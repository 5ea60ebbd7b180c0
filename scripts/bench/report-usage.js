// Preloaded into the measured process (node --require): writes its peak resident set size when it exits.
// resourceUsage().maxRSS is the kernel's high-water mark for this process, in kilobytes.
const fs = require("fs");
process.on("exit", () => {
  if (process.env.BENCH_USAGE_FILE) {
    fs.writeFileSync(process.env.BENCH_USAGE_FILE, String(process.resourceUsage().maxRSS));
  }
});
