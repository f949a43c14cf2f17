/**
 * The helpers the HTML report's drawings share (page-script.ts puts them first in the page's one script): `h`
 * builds an element whose texts are set as text, never parsed as HTML, so no value of the data can inject markup;
 * `s` an SVG element; `seconds` a duration; MARK the sign of a case's status.
 * Plain ES2020 for any current browser; no template literals, since this is itself a template literal.
 */
export const DOM_SCRIPT = String.raw`
  var MARK = { passed: '\u2714', failed: '\u2716', skipped: '-', interrupted: '\u2298' };

  function h(tag, attrs) {
    var el = document.createElement(tag);
    for (var key in attrs || {}) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') el.textContent = String(value);
      else if (key === 'onclick' || key === 'oninput' || key === 'onchange') el[key] = value;
      else el.setAttribute(key, String(value));
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function s(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    for (var key in attrs || {}) {
      if (key === 'title') { var t = document.createElementNS(SVG, 'title'); t.textContent = attrs[key]; el.appendChild(t); }
      else el.setAttribute(key, String(attrs[key]));
    }
    return el;
  }
  function seconds(ms) {
    if (ms < 1000) return Math.round(Math.max(0, ms)) + ' ms';
    var sec = ms / 1000;
    if (sec < 59.95) return sec.toFixed(1) + 's';
    var whole = Math.round(sec);
    return Math.floor(whole / 60) + 'm' + String(whole % 60).padStart(2, '0') + 's';
  }
`;
