/** The HTML report's style sheet (html-report.ts): plain CSS, light and dark by the reader's preference. */
export const REPORT_STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #656d76; --bg: #fff; --panel: #f6f8fa; --line: #d0d7de;
  --passed: #1a7f37; --failed: #cf222e; --skipped: #9a6700; --interrupted: #8250df; --flaky: #bc4c00;
  --lock: #fb8f44; --slot: #afb8c1; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #8d96a0; --bg: #0d1117; --panel: #161b22;
  --line: #30363d; --slot: #484f58; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 20px; margin: 8px 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 600; white-space: nowrap; }
.status.passed { color: var(--passed); } .status.failed { color: var(--failed); }
.status.skipped { color: var(--skipped); } .status.interrupted { color: var(--interrupted); }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; border: 1px solid currentColor; }
.badge.flaky { color: var(--flaky); } .badge.promised { color: var(--interrupted); } .badge.gap { color: var(--failed); }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 8px; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; }
.filters label { display: inline-flex; gap: 4px; align-items: center; }
.filters input[type=search] { min-width: 260px; }
tr.case { cursor: pointer; } tr.case:hover { background: var(--panel); }
tr.detail > td { background: var(--panel); padding: 8px 12px 12px; }
pre { margin: 4px 0; padding: 8px; background: var(--bg); border: 1px solid var(--line); border-radius: 4px;
  white-space: pre-wrap; word-break: break-word; font: 12px/1.4 ui-monospace, monospace; max-height: 360px; overflow: auto; }
.step { border-left: 3px solid var(--line); margin: 8px 0; padding: 2px 0 2px 10px; }
.step.passed { border-color: var(--passed); } .step.failed { border-color: var(--failed); }
.step.skipped { border-color: var(--skipped); }
.checks { list-style: none; padding: 0; margin: 4px 0; } .checks li { font: 12px ui-monospace, monospace; }
.checks .ok { color: var(--passed); } .checks .bad { color: var(--failed); }
.exchange { margin: 4px 0 8px; } .exchange h4 { margin: 6px 0 2px; font-size: 13px; }
.timeline { border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow-x: auto; }
.timeline svg { display: block; }
.timeline .axis text, .timeline .label { font: 11px system-ui, sans-serif; fill: var(--muted); }
.timeline .axis line { stroke: var(--line); }
.bar.passed { fill: var(--passed); } .bar.failed { fill: var(--failed); } .bar.skipped { fill: var(--skipped); }
.bar.interrupted { fill: var(--interrupted); } .bar.wait-lock { fill: var(--lock); } .bar.wait-slot { fill: var(--slot); }
.legend { display: flex; gap: 16px; font-size: 12px; margin: 4px 0; } .legend i { display: inline-block; width: 12px;
  height: 10px; margin-right: 4px; vertical-align: -1px; }
.mutation-case { border-left: 3px solid var(--line); margin: 8px 0 12px; padding: 2px 0 2px 10px; }
.mutation-case h4 { margin: 4px 0 2px; font-size: 14px; }
.mutation-case p { margin: 4px 0; }
table.survivors { margin: 6px 0; table-layout: fixed; } table.survivors td, table.survivors th { font-size: 13px; }
.mutation-case code { font: 12px ui-monospace, monospace; }
`;
