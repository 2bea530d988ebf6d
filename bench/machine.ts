/** The machine a run happened on: CPU, cores, RAM, Node, load average before and after. */
import { cpus, loadavg, totalmem, hostname, release } from "node:os";
import { readFileSync } from "node:fs";

export type MachineInfo = {
  cpuModel: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  host: string;
  loadAvgStart: number[];
  loadAvgEnd?: number[];
  pglite: string;
  postgres?: string;
};

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model ?? "unknown",
    cores: list.length,
    ramGb: Math.round((totalmem() / 1073741824) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    host: hostname(),
    loadAvgStart: loadavg().map((value) => Math.round(value * 100) / 100),
    pglite: packageVersion("@electric-sql/pglite"),
  };
}

export function currentLoad(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100);
}
