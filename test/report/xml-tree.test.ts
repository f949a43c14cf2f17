import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml } from './xml-tree.ts';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

describe('the XML reader used to validate reports', () => {
  it('reads elements, attributes and entity references', () => {
    const root = parseXml(`${DECL}<a x="1 &amp; 2"><b/>t &lt;&#10;&#x41;</a>\n`);
    assert.equal(root.attrs.x, '1 & 2');
    assert.equal(root.children[0]?.name, 'b');
    assert.equal(root.text, 't <\nA');
  });

  it('rejects what is not well-formed', () => {
    for (const bad of [
      '<a></a>',
      `${DECL}<a><b></a></b>`,
      `${DECL}<a>x & y</a>`,
      `${DECL}<a x="<"/>`,
      `${DECL}<a x="1" x="2"/>`,
      `${DECL}<a>\u0007</a>`,
      `${DECL}<a/><b/>`,
      `${DECL}<a>`,
      `${DECL}text<a/>`,
    ])
      assert.throws(() => parseXml(bad), /XML:/, bad);
  });
});
