import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ScenarioReport {
  name: string;
  description: string;
  baseline: string;
  service: { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number };
  base: { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number };
  ratio: number;
  targetRatio: number;
  p99Ratio: number;
  /** Redis commands per service request, by name, e.g. "evalsha 1.00, hget 1.00". */
  redisCalls: string;
  roundsDisagree: boolean;
  stealPercent: number;
}

export interface BenchReport {
  date: string;
  machine: string;
  secondsPerRound: number;
  rounds: number;
  connections: number;
  scenarios: ScenarioReport[];
  notes: string[];
}

export function writeReport(directory: string, report: BenchReport): string {
  mkdirSync(directory, { recursive: true });
  const markdown = renderMarkdown(report);
  writeFileSync(join(directory, 'report.md'), markdown);
  writeFileSync(join(directory, 'chart.svg'), renderChart(report.scenarios));
  writeFileSync(join(directory, 'results.json'), JSON.stringify(report, null, 2));

  return markdown;
}

function renderMarkdown(report: BenchReport): string {
  const rows = report.scenarios.map((s) => {
    const verdict = s.ratio >= s.targetRatio ? 'met' : `missed by ${((s.targetRatio - s.ratio) * 100).toFixed(0)} pts`;
    return `| ${s.name} | ${s.service.requestsPerSecond.toFixed(0)} | ${s.service.p50Ms} / ${s.service.p99Ms} | ${s.service.errors} | ${s.baseline} ${s.base.requestsPerSecond.toFixed(0)} | **${s.ratio.toFixed(2)}** (target ${s.targetRatio}, ${verdict}) | ${s.p99Ratio.toFixed(2)} | ${s.redisCalls} | ${s.stealPercent.toFixed(1)}%${s.roundsDisagree ? ' ⚠ rounds disagree' : ''} |`;
  });

  return [
    `# Benchmark report`,
    '',
    `${report.date}, ${report.machine}. ${report.rounds} interleaved rounds (baseline, service, …) of ${report.secondsPerRound} s at ${report.connections} connections; medians.`,
    '',
    '| scenario | req/s | p50 / p99 ms | errors | baseline req/s | ratio | p99 ratio | Redis commands per request | CPU steal |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '![ratios](chart.svg)',
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

function renderChart(scenarios: ScenarioReport[]): string {
  const rowHeight = 28;
  const width = 640;
  const left = 170;
  const scale = (width - left - 40) / 1.2;
  const height = scenarios.length * rowHeight + 40;
  const bars = scenarios.map((s, index) => {
    const y = 20 + index * rowHeight;
    const barWidth = Math.max(1, Math.min(s.ratio, 1.2) * scale);
    const colour = s.ratio >= s.targetRatio ? '#2f855a' : '#c53030';
    const target = left + s.targetRatio * scale;
    return [
      `<text x="${left - 8}" y="${y + 16}" text-anchor="end" font-size="12">${s.name}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${barWidth.toFixed(1)}" height="16" fill="${colour}"/>`,
      `<line x1="${target}" x2="${target}" y1="${y}" y2="${y + 24}" stroke="#1a202c" stroke-dasharray="3,2"/>`,
      `<text x="${left + barWidth + 6}" y="${y + 16}" font-size="11">${s.ratio.toFixed(2)}</text>`,
    ].join('');
  });

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<text x="${left}" y="14" font-size="12">throughput ratio to the bare Fastify baseline (dashed: target)</text>
${bars.join('\n')}
</svg>
`;
}
