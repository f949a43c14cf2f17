/**
 * The HTML report's drawing of a run (html-report.ts; page-script.ts calls it when the page holds the run's JSON):
 * the summary, the filters, the case list with each case's steps, and a timeline per environment. It uses the
 * shared helpers of dom-script.ts, which set every text as text, so a response body cannot inject markup.
 * Plain ES2020 for any current browser; no template literals, since this is itself a template literal.
 */
export const RUN_SCRIPT = String.raw`
  function drawRun(root, run) {
    function caseKey(env, c) { return env + '\u0000' + c.title + '\u0000' + (c.repeat || 0); }

    var flaky = {};
    (run.flaky || []).forEach(function (f) { flaky[f.env + '\u0000' + f.title] = f; });
    var all = [];
    run.environments.forEach(function (e) {
      e.cases.forEach(function (c) { all.push({ env: e.env, c: c, flaky: !!flaky[e.env + '\u0000' + c.title] }); });
    });

    // Header and totals.
    var t = run.totals;
    var counts = [t.passed + ' passed', t.failed + ' failed', t.skipped + ' skipped'];
    if (t.interrupted) counts.push(t.interrupted + ' interrupted');
    if (run.flaky) counts.push(run.flaky.length + ' flaky');
    root.appendChild(h('h1', { text: 'esb-e2e run' }));
    root.appendChild(h('p', { class: 'muted', 'data-testid': 'run-summary' },
      'Started ' + run.startedAt + ', ' + seconds(run.durationMs) +
      (run.esb ? ', ESB ' + run.esb.revision + ' (' + run.esb.commit + ')' : '') +
      (run.shard ? ', shard ' + run.shard : '') + (run.repeatEach ? ', each case ' + run.repeatEach + ' times' : '') +
      ': ' + counts.join(', ')));

    // Environment x suite table.
    function wall(cases) {
      var first = Infinity, last = -Infinity;
      cases.forEach(function (c) { if (c.startedAt) { first = Math.min(first, Date.parse(c.startedAt)); last = Math.max(last, Date.parse(c.endedAt)); } });
      return isFinite(first) ? last - first : 0;
    }
    var summary = h('table', { 'data-testid': 'suite-table' },
      h('thead', {}, h('tr', {}, ['Environment', 'Suite', 'Passed', 'Failed', 'Skipped', 'Time'].map(function (n, i) {
        return h('th', { text: n, class: i > 1 ? 'num' : undefined });
      }))));
    var sbody = h('tbody');
    run.environments.forEach(function (e) {
      var suites = [];
      e.cases.forEach(function (c) { if (suites.indexOf(c.suite) < 0) suites.push(c.suite); });
      suites.forEach(function (suite) {
        var cs = e.cases.filter(function (c) { return c.suite === suite; });
        var n = function (st) { return cs.filter(function (c) { return c.status === st; }).length; };
        sbody.appendChild(h('tr', {}, h('td', { text: e.env }), h('td', { text: suite }),
          h('td', { class: 'num', text: n('passed') }), h('td', { class: 'num', text: n('failed') }),
          h('td', { class: 'num', text: n('skipped') }), h('td', { class: 'num', text: seconds(wall(cs)) })));
      });
      sbody.appendChild(h('tr', {}, h('th', { text: e.env }), h('th', { text: e.error ? 'total (did not finish)' : 'total' }),
        h('th', { class: 'num', text: e.totals.passed }), h('th', { class: 'num', text: e.totals.failed }),
        h('th', { class: 'num', text: e.totals.skipped }), h('th', { class: 'num', text: seconds(e.durationMs) })));
      if (e.error) sbody.appendChild(h('tr', {}, h('td', { colspan: 6 }, h('pre', { text: e.error }))));
    });
    summary.appendChild(sbody);
    root.appendChild(h('h2', { text: 'Environments and suites' }));
    root.appendChild(summary);

    // Filters.
    var filter = { status: '', env: '', suite: '', text: '' };
    function options(values, label) {
      return [h('option', { value: '', text: label })].concat(values.map(function (v) { return h('option', { value: v, text: v }); }));
    }
    var envs = run.environments.map(function (e) { return e.env; });
    var suites = [];
    all.forEach(function (x) { if (suites.indexOf(x.c.suite) < 0) suites.push(x.c.suite); });
    function onFilter(key) { return function (ev) { filter[key] = ev.target.value; draw(); }; }
    root.appendChild(h('h2', { text: 'Cases' }));
    root.appendChild(h('div', { class: 'filters' },
      h('label', {}, 'Status ', h('select', { 'data-testid': 'filter-status', onchange: onFilter('status') },
        options(['passed', 'failed', 'skipped', 'interrupted', 'flaky'], 'any'))),
      h('label', {}, 'Environment ', h('select', { 'data-testid': 'filter-env', onchange: onFilter('env') }, options(envs, 'any'))),
      h('label', {}, 'Suite ', h('select', { 'data-testid': 'filter-suite', onchange: onFilter('suite') }, options(suites, 'any'))),
      h('label', {}, 'ID or text ', h('input', { type: 'search', 'data-testid': 'filter-text', placeholder: 'STD-018, breaker, 502\u2026', oninput: onFilter('text') })),
      h('span', { class: 'muted', 'data-testid': 'shown-count' })));
    function shown(x) {
      if (filter.status === 'flaky' ? !x.flaky : filter.status && x.c.status !== filter.status) return false;
      if (filter.env && x.env !== filter.env) return false;
      if (filter.suite && x.c.suite !== filter.suite) return false;
      if (filter.text) {
        var needle = filter.text.toLowerCase();
        var hay = (x.c.title + ' ' + x.c.file + ' ' + (x.c.failure || '') + ' ' + (x.c.reason || '')).toLowerCase();
        if (hay.indexOf(needle) < 0) return false;
      }
      return true;
    }

    var list = h('table', { 'data-testid': 'case-table' },
      h('thead', {}, h('tr', {}, ['', 'Environment', 'Case', 'Suite', 'Duration', 'Waited'].map(function (n, i) {
        return h('th', { text: n, class: i > 3 ? 'num' : undefined });
      }))));
    var lbody = h('tbody');
    list.appendChild(lbody);
    root.appendChild(list);
    var timelines = h('div');
    root.appendChild(h('h2', { text: 'Timeline' }));
    root.appendChild(h('div', { class: 'legend' },
      ['passed', 'failed', 'skipped', 'interrupted'].map(function (st) { return h('span', {}, h('i', { style: 'background: var(--' + st + ')' }), st); }),
      h('span', {}, h('i', { style: 'background: var(--lock)' }), 'waiting for resources'),
      h('span', {}, h('i', { style: 'background: var(--slot)' }), 'waiting for a run slot')));
    root.appendChild(timelines);

    var open = {};
    function stepView(step) {
      var label = (step.name ? '"' + step.name + '" ' : '') + '(' + step.kind + ')' + (step.index !== undefined ? ' [' + step.index + ']' : '');
      var box = h('div', { class: 'step ' + step.outcome, style: 'margin-left: ' + (step.depth * 16) + 'px', 'data-testid': 'step' },
        h('div', {}, h('span', { class: 'status ' + step.outcome, text: MARK[step.outcome] || step.outcome }), ' ', label,
          h('span', { class: 'muted', text: ' line ' + step.line + ', ' + seconds(step.durationMs) + (step.note ? ': ' + step.note : '') })));
      step.exchanges.forEach(function (x, i) {
        var ex = h('div', { class: 'exchange', 'data-testid': 'exchange' });
        if (x.kind === 'hook') {
          ex.appendChild(h('h4', { text: 'hook ' + x.hook + ' (attempt ' + (i + 1) + ')' }));
          ex.appendChild(h('pre', { text: 'with ' + x.args + (x.document !== undefined ? '\nreturned ' + x.document : '') + (x.error ? '\nerror: ' + x.error : '') }));
        } else {
          var req = x.request;
          var head = Object.keys(req.headers).map(function (k) { return k + ': ' + req.headers[k]; }).join('\n');
          ex.appendChild(h('h4', { text: 'request ' + (i + 1) }));
          ex.appendChild(h('pre', { 'data-testid': 'request', text: req.method + ' ' + req.url + (head ? '\n' + head : '') + (req.body !== undefined ? '\n\n' + req.body : '') }));
          if (x.response) {
            var res = x.response;
            var rhead = Object.keys(res.headers).map(function (k) { return k + ': ' + res.headers[k]; }).join('\n');
            ex.appendChild(h('h4', { text: 'response ' + res.status + ' in ' + res.latencyMs + ' ms' }));
            ex.appendChild(h('pre', { 'data-testid': 'response', text: res.status + (rhead ? '\n' + rhead : '') + '\n\n' + res.body }));
          }
          if (x.error) ex.appendChild(h('pre', { text: 'no response: ' + x.error }));
        }
        box.appendChild(ex);
      });
      if (step.exchangesLeftOut) box.appendChild(h('p', { class: 'muted', text: step.exchangesLeftOut + ' earlier attempt(s) left out' }));
      if (step.checks.length > 0)
        box.appendChild(h('ul', { class: 'checks', 'data-testid': 'checks' }, step.checks.map(function (c) {
          return h('li', { class: c.passed ? 'ok' : 'bad', text: (c.passed ? '\u2714 ' : '\u2716 ') + 'line ' + c.line + ': ' + c.check + (c.message ? ' \u2014 ' + c.message : '') });
        })));
      return box;
    }
    function detailView(x) {
      var c = x.c;
      var cell = h('td', { colspan: 6, 'data-testid': 'case-detail' });
      cell.appendChild(h('div', { class: 'muted', text: c.file + ':' + c.line + (c.startedAt ? ', ran ' + c.startedAt + ' to ' + c.endedAt : '') }));
      if (c.trace) {
        var tr = c.trace;
        var held = (tr.resources.exclusive.length ? 'exclusive: ' + tr.resources.exclusive.join(', ') + '; ' : '') + 'shared: ' + (tr.resources.shared.join(', ') || 'none');
        cell.appendChild(h('div', { class: 'muted', text: 'waited ' + seconds(tr.lockWaitMs) + ' for resources and ' + seconds(tr.slotWaitMs) + ' for a run slot; held ' + held }));
      }
      if (c.reason) cell.appendChild(h('p', { text: 'Skipped: ' + c.reason }));
      if (c.failure) cell.appendChild(h('pre', { 'data-testid': 'failure', text: c.failure }));
      if (c.trace) {
        c.trace.steps.forEach(function (step) { cell.appendChild(stepView(step)); });
        if (c.trace.stepsLeftOut) cell.appendChild(h('p', { class: 'muted', text: c.trace.stepsLeftOut + ' more step(s) left out' }));
      } else if (c.status !== 'skipped') {
        cell.appendChild(h('p', { class: 'muted', text: 'No step trace: the run recorded none.' }));
      }
      return h('tr', { class: 'detail' }, cell);
    }

    var MAX_ROWS = 2000;
    function draw() {
      var rows = all.filter(shown);
      lbody.textContent = '';
      rows.slice(0, MAX_ROWS).forEach(function (x) {
        var key = caseKey(x.env, x.c);
        var c = x.c;
        var row = h('tr', { class: 'case', 'data-testid': 'case-row', 'data-status': c.status, onclick: function () { open[key] = !open[key]; draw(); } },
          h('td', { class: 'status ' + c.status, text: MARK[c.status] || c.status }),
          h('td', { text: x.env }),
          h('td', {}, c.title + (c.repeat ? ' (repeat ' + c.repeat + ')' : ''), x.flaky ? [' ', h('span', { class: 'badge flaky', text: 'flaky' })] : null),
          h('td', { text: c.suite }),
          h('td', { class: 'num', text: seconds(c.durationMs) }),
          h('td', { class: 'num', text: c.waitMs ? seconds(c.waitMs) : '' }));
        lbody.appendChild(row);
        if (open[key]) lbody.appendChild(detailView(x));
      });
      document.querySelector('[data-testid=shown-count]').textContent = rows.length + ' of ' + all.length + ' shown' + (rows.length > MAX_ROWS ? ' (the first ' + MAX_ROWS + ' listed)' : '');
      drawTimelines(rows);
    }

    // One timeline per environment: a row per case, its wait (resources, then run slot) and then its run.
    function drawTimelines(rows) {
      timelines.textContent = '';
      run.environments.forEach(function (e) {
        var cases = rows.filter(function (x) { return x.env === e.env && x.c.startedAt; }).slice(0, MAX_ROWS);
        if (cases.length === 0) return;
        var spans = cases.map(function (x) {
          var start = Date.parse(x.c.startedAt), end = Date.parse(x.c.endedAt);
          var tr = x.c.trace;
          var lock = tr ? tr.lockWaitMs : 0;
          var slot = tr ? tr.slotWaitMs : (x.c.waitMs || 0);
          return { x: x, start: start, end: end, waitFrom: start - lock - slot, lock: lock, slot: slot };
        });
        var t0 = Math.min.apply(null, spans.map(function (sp) { return sp.waitFrom; }));
        var t1 = Math.max.apply(null, spans.map(function (sp) { return sp.end; }));
        var span = Math.max(1, t1 - t0);
        var labelW = 220, width = 1000, rowH = 14, top = 22;
        var scale = function (ms) { return labelW + ((ms - t0) / span) * (width - labelW - 10); };
        var svg = s('svg', { width: width, height: top + spans.length * rowH + 4, 'data-testid': 'timeline', 'data-env': e.env, role: 'img' });
        var axis = s('g', { class: 'axis' });
        for (var k = 0; k <= 5; k++) {
          var ms = (span * k) / 5;
          var xk = scale(t0 + ms);
          axis.appendChild(s('line', { x1: xk, x2: xk, y1: 16, y2: top + spans.length * rowH }));
          var label = s('text', { x: xk, y: 12, 'text-anchor': k === 0 ? 'start' : k === 5 ? 'end' : 'middle' });
          label.textContent = seconds(ms);
          axis.appendChild(label);
        }
        svg.appendChild(axis);
        spans.forEach(function (sp, i) {
          var y = top + i * rowH;
          var c = sp.x.c;
          var name = s('text', { class: 'label', x: 0, y: y + 10 });
          name.textContent = c.title.length > 34 ? c.title.slice(0, 33) + '\u2026' : c.title;
          svg.appendChild(name);
          var tr = c.trace;
          var held = tr ? ' Held ' + (tr.resources.exclusive.length ? 'exclusive ' + tr.resources.exclusive.join(', ') + ', ' : '') + 'shared ' + tr.resources.shared.join(', ') + '.' : '';
          if (sp.lock > 0) svg.appendChild(s('rect', { class: 'bar wait-lock', x: scale(sp.waitFrom), y: y + 2, height: rowH - 4, width: Math.max(1, scale(sp.waitFrom + sp.lock) - scale(sp.waitFrom)), title: c.title + ': waited ' + seconds(sp.lock) + ' for other cases\u2019 resources' }));
          if (sp.slot > 0) svg.appendChild(s('rect', { class: 'bar wait-slot', x: scale(sp.waitFrom + sp.lock), y: y + 2, height: rowH - 4, width: Math.max(1, scale(sp.start) - scale(sp.waitFrom + sp.lock)), title: c.title + ': waited ' + seconds(sp.slot) + ' for a run slot' }));
          svg.appendChild(s('rect', { class: 'bar ' + c.status, 'data-testid': 'timeline-bar', x: scale(sp.start), y: y + 1, height: rowH - 2, width: Math.max(2, scale(sp.end) - scale(sp.start)), title: c.title + ' ' + c.status + ' in ' + seconds(c.durationMs) + (c.waitMs ? ' after waiting ' + seconds(c.waitMs) : '') + '.' + held }));
        });
        timelines.appendChild(h('h3', { text: e.env }));
        timelines.appendChild(h('div', { class: 'timeline' }, svg));
      });
    }
    draw();
  }
`;
