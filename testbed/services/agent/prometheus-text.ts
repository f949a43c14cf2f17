/**
 * The Prometheus text exposition format 0.0.4, written the way the Go client writes it (ESB's agent is a
 * Go program): families sorted by name, labels sorted by name with `le` last, numbers in Go's shortest
 * `%g` form (`2.59664e+06`, `0.005`, `+Inf`). Families without samples are left out, as the Go client does.
 */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Sample {
  /** The full sample name, e.g. `grpc_server_handling_seconds_bucket`. */
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: readonly Sample[];
}

export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  const sorted = [...families].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const family of sorted) {
    if (family.samples.length === 0) continue;
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples)
      lines.push(`${sample.name}${renderLabels(sample.labels ?? {})} ${formatValue(sample.value)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function renderLabels(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort((a, b) => {
    if (a === 'le') return 1;
    if (b === 'le') return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  if (names.length === 0) return '';
  return `{${names.map((n) => `${n}="${escapeLabelValue(labels[n] ?? '')}"`).join(',')}}`;
}

function escapeHelp(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

function escapeLabelValue(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/**
 * Go's `strconv.FormatFloat(v, 'g', -1, 64)`: the shortest digits that round-trip, in exponent form when the
 * decimal exponent is below -4 or at least 6 (Go decides with precision 6 for the shortest form).
 */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  // Within this exponent range JavaScript's own shortest form is already plain decimal, as Go's is.
  return String(value);
}
