import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

/**
 * Where the service's CPU time went, by package: self time of every sampled frame, grouped by the
 * node_modules package (or "service code", "node internals", "idle/GC") it belongs to.
 */
export function summariseProfiles(directory: string): string[] {
  const totals = new Map<string, number>();
  let all = 0;
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { nodes: ProfileNode[] };
    for (const node of profile.nodes) {
      const hits = node.hitCount ?? 0;
      if (hits === 0) continue;
      const owner = ownerOf(node.callFrame);
      totals.set(owner, (totals.get(owner) ?? 0) + hits);
      all += hits;
    }
  }
  if (all === 0) return ['CPU profile: no samples recorded.'];

  const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return [`CPU profile of the service (self time): ${top.map(([owner, hits]) => `${owner} ${((100 * hits) / all).toFixed(1)}%`).join(', ')}.`];
}

function ownerOf(frame: { functionName: string; url: string }): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : 'native';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (inModules) return inModules[1];
  if (frame.url.startsWith('node:')) return 'node internals';

  return 'service code';
}
