import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  defaultLifecycleDocument,
  LifecycleDocumentError,
  normalizeLifecycleDocument,
  S3_XML_NAMESPACE,
} from '../../../testbed/services/s3-storage/lifecycle-document.ts';
import { parseXml, serializeXml, XmlSyntaxError } from '../../../testbed/services/s3-storage/xml-tree.ts';

const RULE =
  '<Rule><Filter><Prefix></Prefix></Filter><Status>Enabled</Status><Expiration><Days>7</Days></Expiration></Rule>';

function refusal(body: string): string {
  try {
    normalizeLifecycleDocument(body);
  } catch (error) {
    assert.ok(error instanceof LifecycleDocumentError);
    return error.code;
  }
  throw new Error('expected the document to be refused');
}

describe('s3-storage: lifecycle documents', () => {
  it('the provisioned document is the SAM rule in the S3 namespace, without an ID', () => {
    assert.equal(
      defaultLifecycleDocument(),
      `<?xml version="1.0" encoding="UTF-8"?>\n<LifecycleConfiguration xmlns="${S3_XML_NAMESPACE}">${RULE}</LifecycleConfiguration>`,
    );
  });

  it('puts a document without a namespace (or with another one) into the S3 namespace', () => {
    const stored = normalizeLifecycleDocument(
      `<?xml version="1.0"?>\n<!-- note -->\n<LifecycleConfiguration xmlns="urn:other">\n  ${RULE}\n</LifecycleConfiguration>\n`,
    );
    assert.equal(stored, defaultLifecycleDocument());
  });

  it('refuses what is not a lifecycle configuration with at least one valid rule', () => {
    assert.equal(refusal('<LifecycleConfiguration>'), 'MalformedXML');
    assert.equal(refusal('<LifecycleConfiguration/>'), 'MalformedXML');
    assert.equal(refusal(`<CORSConfiguration>${RULE}</CORSConfiguration>`), 'MalformedXML');
    assert.equal(
      refusal(`<LifecycleConfiguration>${RULE.replace('Enabled', 'On')}</LifecycleConfiguration>`),
      'MalformedXML',
    );
    assert.equal(
      refusal('<LifecycleConfiguration><Rule><Status>Enabled</Status></Rule></LifecycleConfiguration>'),
      'InvalidArgument',
    );
    assert.equal(
      refusal(`<LifecycleConfiguration>${RULE.replace('<Days>7', '<Days>0')}</LifecycleConfiguration>`),
      'InvalidArgument',
    );
    const withId = RULE.replace('<Rule>', '<Rule><ID>same</ID>');
    assert.equal(
      refusal(`<LifecycleConfiguration>${withId}${withId}</LifecycleConfiguration>`),
      'InvalidArgument',
    );
  });
});

describe('s3-storage: xml-tree', () => {
  it('decodes entities and CDATA and writes them back escaped', () => {
    const root = parseXml('<a x="1 &amp; 2"><b>&lt;&#65;&#x42;&quot;</b><c><![CDATA[<raw>]]></c><d/></a>');
    assert.equal(root.attributes.x, '1 & 2');
    assert.deepEqual(
      root.children.map((child) => [child.name, child.text]),
      [
        ['b', '<AB"'],
        ['c', '<raw>'],
        ['d', ''],
      ],
    );
    assert.equal(
      serializeXml(root),
      '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; 2"><b>&lt;AB"</b><c>&lt;raw&gt;</c><d></d></a>',
    );
  });

  it('rejects what it does not understand', () => {
    for (const source of [
      '',
      '<a>',
      '<a></b>',
      '<a>x<b/></a>',
      '<a>&nbsp;</a>',
      '<a>& </a>',
      '<a x="1" x="2"/>',
      '<!DOCTYPE a><a/>',
      '<a/><b/>',
      `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`,
    ])
      assert.throws(() => parseXml(source), XmlSyntaxError, source);
  });
});
