// Resident memory of the processes a scenario runs, sampled twice a second (Linux /proc).
import { readdirSync, readFileSync } from "node:fs";

/** Resident memory of a process and all its descendants, in MiB. */
function treeRssMiB(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let kib = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${current}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
    stack.push(...(children.get(current) ?? []));
  }
  return kib / 1024;
}

export class MemoryWatch {
  peak = new Map<string, number>();
  samples: { at: number; label: string; mib: number }[] = [];
  private timer: NodeJS.Timeout;
  constructor(private processes: { label: string; pid: number }[]) {
    this.timer = setInterval(() => this.sample(), 500);
  }
  sample() {
    for (const { label, pid } of this.processes) {
      const mib = treeRssMiB(pid);
      this.samples.push({ at: Date.now(), label, mib });
      this.peak.set(label, Math.max(this.peak.get(label) ?? 0, mib));
    }
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
  }
}
