/**
 * Preloaded into the soak's `gatehouse serve` child (`node --import …/sampler.mjs`), so the
 * figures come from inside the server without a line of production code changed: every
 * SOAK_SAMPLE_MS (5 s) one JSON line goes to SOAK_SAMPLE_FILE with the memory, the event-loop
 * delay since the last line, the CPU used since the last line, and the active resources by type.
 *
 * Plain JavaScript, not TypeScript: loading tsx into the server would add its own module hooks
 * and memory to what is being measured. Its timer is unref'd, so it never keeps the server alive
 * and is not itself among the active resources it counts.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.SOAK_SAMPLE_FILE;
const every = Number(process.env.SOAK_SAMPLE_MS ?? 5000);

if (file) {
  // 10 ms resolution is the default; 1 ms makes p50 meaningful on an idle-ish loop.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let cpu = process.cpuUsage();
  let last = performance.now();
  const ms = (ns) => ns / 1e6;
  const sample = () => {
    const now = performance.now();
    const memory = process.memoryUsage();
    const cpuNow = process.cpuUsage(cpu);
    const resources = {};
    for (const type of process.getActiveResourcesInfo()) resources[type] = (resources[type] ?? 0) + 1;
    const line = {
      at: Date.now(),
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      arrayBuffers: memory.arrayBuffers,
      eld: {
        p50Ms: ms(delay.percentile(50)),
        p99Ms: ms(delay.percentile(99)),
        maxMs: ms(delay.max),
        meanMs: ms(delay.mean),
      },
      cpuCores: (cpuNow.user + cpuNow.system) / 1000 / (now - last),
      resources,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    delay.reset();
    cpu = process.cpuUsage();
    last = now;
  };
  setInterval(sample, every).unref();
}
