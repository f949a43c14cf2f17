/**
 * The HTML report's drawing of `esb-e2e mutate` reports (page-script.ts calls it when the page holds them, one
 * MutationReport per environment): per environment and suite the mutations tried, killed, survived and accepted,
 * then each case with its counts (or why it was not mutated) and its survivors, with a filter that leaves only
 * the gaps: the survivors no accepted-survivors rule gives a reason for. It uses the shared helpers of
 * dom-script.ts, which set every text as text, so no request or change text can inject markup.
 * Plain ES2020 for any current browser; no template literals, since this is itself a template literal.
 */
export const MUTATION_SCRIPT = String.raw`
  function drawMutations(root, reports, standalone) {
    function score(killed, survived) {
      return killed + survived === 0 ? '-' : Math.round((100 * killed) / (killed + survived)) + '%';
    }
    function isGap(sv) { return sv.accepted === undefined || sv.accepted === null; }
    function suitesOf(cases) {
      var names = [];
      cases.forEach(function (c) { if (names.indexOf(c.suite) < 0) names.push(c.suite); });
      return names;
    }

    // Header: what each report ran with, in a section of its own below a run's (or under its own title).
    if (standalone) root.appendChild(h('h1', { text: 'esb-e2e mutate' }));
    var section = h('section', { 'data-testid': 'mutations' }, h('h2', { text: 'Mutations' }));
    root.appendChild(section);
    reports.forEach(function (r) {
      section.appendChild(h('p', { class: 'muted', 'data-testid': 'mutation-summary' },
        r.env + ': started ' + r.startedAt + (r.esb ? ', ESB ' + r.esb.revision + ' (' + r.esb.commit + ')' : '') +
        ', seed ' + r.seed + ', at most ' + r.budget + ' mutations a case (' + r.perAnswer + ' an answer), ' +
        r.caseSeconds + ' s of reruns a case'));
    });
    section.appendChild(h('p', { class: 'muted', text: 'Each mutation changes one answer a case got. Killed: the case failed on it. ' +
      'Survived: the case passed a wrong answer. Accepted survivors have a reason to need no check; the others are gaps. ' +
      'Score: killed of killed and survived.' }));

    // Environment x suite table.
    var table = h('table', { 'data-testid': 'mutation-suite-table' },
      h('thead', {}, h('tr', {}, ['Environment', 'Suite', 'Cases', 'Tried', 'Killed', 'Survived', 'Accepted', 'Score'].map(function (n, i) {
        return h('th', { text: n, class: i > 1 ? 'num' : undefined });
      }))));
    var tbody = h('tbody');
    reports.forEach(function (r) {
      r.suites.forEach(function (t) {
        // Reports written before accepted survivors were counted lack the number: count it from the cases.
        var accepted = t.accepted !== undefined ? t.accepted : r.cases.filter(function (c) { return c.suite === t.suite; })
          .reduce(function (n, c) { return n + c.survivors.filter(function (sv) { return !isGap(sv); }).length; }, 0);
        tbody.appendChild(h('tr', { 'data-testid': 'mutation-suite-row', 'data-env': r.env, 'data-suite': t.suite },
          h('td', { text: r.env }), h('td', { text: t.suite }),
          h('td', { class: 'num', text: t.cases }), h('td', { class: 'num', text: t.tried }),
          h('td', { class: 'num', text: t.killed }), h('td', { class: 'num', text: t.survived }),
          h('td', { class: 'num', text: accepted }),
          h('td', { class: 'num', text: t.score === undefined || t.score === null ? '-' : t.score + '%' })));
      });
    });
    table.appendChild(tbody);
    section.appendChild(table);

    // The filter: every survivor, or only the gaps.
    var gapsOnly = false;
    section.appendChild(h('h2', { text: 'Mutated cases' }));
    section.appendChild(h('div', { class: 'filters' },
      h('label', {}, 'Survivors ', h('select', { 'data-testid': 'mutation-filter', onchange: function (ev) { gapsOnly = ev.target.value === 'gaps'; drawCases(); } },
        h('option', { value: 'all', text: 'all' }), h('option', { value: 'gaps', text: 'only the gaps (not accepted)' }))),
      h('span', { class: 'muted', 'data-testid': 'mutation-shown-count' })));
    var list = h('div', { 'data-testid': 'mutation-cases' });
    section.appendChild(list);

    function countsLine(c) {
      var untried = c.sampled !== undefined && c.tried < c.sampled ? ' (time budget: ' + (c.sampled - c.tried) + ' left untried)' : '';
      return c.tried + ' of ' + c.candidates + ' tried' + untried + ', ' + c.killed + ' killed, ' + c.survivors.length +
        ' survived' + (c.unreached ? ', ' + c.unreached + ' not reached' : '') + ', score ' + score(c.killed, c.survivors.length);
    }
    function survivorRow(sv) {
      return h('tr', { 'data-testid': 'survivor', 'data-accepted': isGap(sv) ? 'no' : 'yes' },
        h('td', {}, h('code', { 'data-testid': 'survivor-request', text: sv.request })),
        h('td', { text: sv.endpoint + ' answer ' + sv.answer }),
        h('td', {}, h('code', { 'data-testid': 'survivor-change', text: sv.change }),
          sv.promised ? [' ', h('span', { class: 'badge promised', 'data-testid': 'promised', title: 'the case\u2019s document names what changed: a check it promises and does not make', text: 'promised' })] : null),
        isGap(sv) ? h('td', {}, h('span', { class: 'badge gap', text: 'gap' }))
          : h('td', { class: 'muted', 'data-testid': 'accepted-reason', text: 'accepted: ' + sv.accepted }));
    }
    function caseView(c) {
      var shownSurvivors = c.survivors.filter(function (sv) { return !gapsOnly || isGap(sv); });
      var box = h('div', { class: 'mutation-case', 'data-testid': 'mutation-case', 'data-baseline': c.baseline },
        h('h4', {}, h('span', { class: 'status ' + c.baseline, text: MARK[c.baseline] || c.baseline }), ' ', c.title,
          h('span', { class: 'muted', text: ' ' + c.file + ':' + c.line })));
      if (c.baseline !== 'passed')
        box.appendChild(h('p', { 'data-testid': 'not-mutated', text: 'Not mutated: without any mutation it ' + c.baseline + (c.reason ? ': ' + c.reason : '') }));
      else box.appendChild(h('div', { 'data-testid': 'mutation-counts', text: countsLine(c) }));
      if (shownSurvivors.length > 0)
        box.appendChild(h('table', { class: 'survivors' },
          h('thead', {}, h('tr', {}, ['Request', 'Endpoint and answer', 'Change', 'Accepted'].map(function (n) { return h('th', { text: n }); }))),
          h('tbody', {}, shownSurvivors.map(survivorRow))));
      return box;
    }
    function drawCases() {
      list.textContent = '';
      var all = 0, shown = 0, casesShown = 0, casesAll = 0;
      reports.forEach(function (r) {
        suitesOf(r.cases).forEach(function (suite) {
          var cases = r.cases.filter(function (c) { return c.suite === suite; });
          var listed = cases.filter(function (c) { return !gapsOnly || c.survivors.some(isGap); });
          cases.forEach(function (c) { all += c.survivors.length; });
          listed.forEach(function (c) { shown += c.survivors.filter(function (sv) { return !gapsOnly || isGap(sv); }).length; });
          casesAll += cases.length;
          casesShown += listed.length;
          if (listed.length === 0) return;
          list.appendChild(h('h3', { text: r.env + ' \u00b7 ' + suite }));
          listed.forEach(function (c) { list.appendChild(caseView(c)); });
        });
      });
      if (casesShown === 0) list.appendChild(h('p', { class: 'muted', text: gapsOnly ? 'No gaps: every survivor is accepted.' : 'No case was mutated.' }));
      section.querySelector('[data-testid=mutation-shown-count]').textContent =
        shown + ' of ' + all + ' survivors shown, in ' + casesShown + ' of ' + casesAll + ' cases';
    }
    drawCases();
  }
`;
