import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  matrixScope,
  parseTemplate,
  renderTemplate,
  TemplateError,
} from '../../runner/template/text-template.ts';

const scope = matrixScope({ runtime: 'python' });

describe('text templates', () => {
  it('inserts matrix values, with filters applied left to right', () => {
    assert.equal(
      renderTemplate('${matrix.runtime | capitalize} runtime (/api/${matrix.runtime})', scope),
      'Python runtime (/api/python)',
    );
    assert.equal(renderTemplate('${matrix.runtime|upper|lower}', scope), 'python');
  });

  it('keeps $${ as a literal ${ and plain text as it is', () => {
    assert.equal(renderTemplate('cost $5 and $${matrix.runtime}', scope), 'cost $5 and ${matrix.runtime}');
    assert.equal(renderTemplate('{"action":"echo"}', scope), '{"action":"echo"}');
  });

  it('rejects unknown references, unknown filters and unclosed braces with the offset', () => {
    assert.throws(
      () => renderTemplate('x ${matrix.runtme}', scope),
      (e: unknown) => e instanceof TemplateError && e.offset === 2 && /unknown reference/.test(e.message),
    );
    assert.throws(() => parseTemplate('${matrix.runtime | shout}'), /unknown template filter 'shout'/);
    assert.throws(() => parseTemplate('a ${matrix.runtime'), /unclosed/);
    assert.throws(() => parseTemplate('${runtime}'), /scope\.name/);
  });
});
