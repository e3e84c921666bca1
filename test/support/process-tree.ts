import { readFileSync, readdirSync } from 'node:fs';

interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

/** /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses. */
function read(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, ppid: Number(ppid), state, command };
  } catch {
    return undefined; // gone between listing and reading
  }
}

function all(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => read(Number(entry)))
    .filter((info): info is ProcessInfo => info !== undefined);
}

/** The process and everything below it, as the kernel sees it now (Linux /proc). */
export function processTree(root: number): ProcessInfo[] {
  const processes = all();
  const tree: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    const info = processes.find((p) => p.pid === pid);
    if (info) tree.push(info);
    for (const child of processes.filter((p) => p.ppid === pid)) queue.push(child.pid);
  }
  return tree;
}

/** Still running: present and not a zombie waiting to be reaped. */
export function running(pids: number[]): ProcessInfo[] {
  return pids
    .map((pid) => read(pid))
    .filter((info): info is ProcessInfo => info !== undefined && info.state !== 'Z');
}
