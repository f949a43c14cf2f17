import { childNamed, childrenNamed, element, parseXml, serializeXml, type XmlElement } from './xml-tree.ts';

/** The namespace S3 puts on every response document. */
export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Why a lifecycle document was refused, as the S3 error code the client receives. */
export class LifecycleDocumentError extends Error {
  override readonly name = 'LifecycleDocumentError';
  constructor(
    readonly code: 'MalformedXML' | 'InvalidArgument',
    message: string,
  ) {
    super(message);
  }
}

const MALFORMED = 'The XML you provided was not well-formed or did not validate against our published schema';
const MAX_RULES = 1000;
const ACTIONS = [
  'Expiration',
  'Transition',
  'NoncurrentVersionExpiration',
  'NoncurrentVersionTransition',
  'AbortIncompleteMultipartUpload',
];

/**
 * Checks a PutBucketLifecycleConfiguration body as far as a client could tell the difference (a root
 * `LifecycleConfiguration`, 1 to 1000 rules, each with a valid Status, an action and positive whole-day
 * counts), and returns the document to store: the same content under S3's namespace, so GET answers standard
 * S3 XML whatever namespace the client sent.
 */
export function normalizeLifecycleDocument(body: string): string {
  let root: XmlElement;
  try {
    root = parseXml(body);
  } catch {
    throw new LifecycleDocumentError('MalformedXML', MALFORMED);
  }
  if (root.name !== 'LifecycleConfiguration') throw new LifecycleDocumentError('MalformedXML', MALFORMED);
  const rules = childrenNamed(root, 'Rule');
  if (rules.length === 0 || rules.length > MAX_RULES)
    throw new LifecycleDocumentError('MalformedXML', MALFORMED);
  const ids = new Set<string>();
  for (const rule of rules) {
    checkRule(rule);
    const id = childNamed(rule, 'ID')?.text;
    if (id === undefined) continue;
    if (ids.has(id)) throw new LifecycleDocumentError('InvalidArgument', 'Rule ID must be unique');
    ids.add(id);
  }
  return serializeXml(element(root.name, root.children, { xmlns: S3_XML_NAMESPACE }));
}

function checkRule(rule: XmlElement): void {
  const status = childNamed(rule, 'Status')?.text.trim();
  if (status !== 'Enabled' && status !== 'Disabled')
    throw new LifecycleDocumentError('MalformedXML', MALFORMED);
  if (!ACTIONS.some((action) => childNamed(rule, action) !== undefined))
    throw new LifecycleDocumentError(
      'InvalidArgument',
      'At least one action needs to be specified in a rule',
    );
  const id = childNamed(rule, 'ID')?.text;
  if (id !== undefined && id.length > 255)
    throw new LifecycleDocumentError('InvalidArgument', 'ID length should not exceed allowed limit of 255');
  for (const action of rule.children.filter((child) => ACTIONS.includes(child.name))) {
    const days = childNamed(action, 'Days')?.text.trim();
    if (days !== undefined && !/^[1-9]\d*$/.test(days))
      throw new LifecycleDocumentError(
        'InvalidArgument',
        `'Days' for ${action.name} action must be a positive integer`,
      );
  }
}

/**
 * The configuration ESB's provisioner applies to `e2e-test-bucket` (contract §9, from the SAM template's
 * `ExpirationInDays: 7`): one enabled rule, an empty prefix filter, expiry after 7 days, no ID.
 */
export function defaultLifecycleDocument(): string {
  const rule = element('Rule', [
    element('Filter', [element('Prefix', '')]),
    element('Status', 'Enabled'),
    element('Expiration', [element('Days', '7')]),
  ]);
  return serializeXml(element('LifecycleConfiguration', [rule], { xmlns: S3_XML_NAMESPACE }));
}
