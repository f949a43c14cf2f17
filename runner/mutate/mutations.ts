/** A response as the mutating proxy got it from the platform. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One wrong answer made from a real one: what changes, where, and how to say it in a report. */
export type Mutation =
  | { readonly kind: 'status'; readonly to: number; readonly description: string }
  | { readonly kind: 'header-removed'; readonly header: string; readonly description: string }
  | { readonly kind: 'header-changed'; readonly header: string; readonly description: string }
  | {
      readonly kind: 'json';
      /** JSONPath-like place of the change, e.g. `$.objects[1].key`. */
      readonly path: string;
      readonly change: JsonChange;
      readonly description: string;
    }
  | { readonly kind: 'text-changed'; readonly description: string };

export type JsonChange =
  | { readonly op: 'set'; readonly at: readonly (string | number)[]; readonly value: unknown }
  | { readonly op: 'remove'; readonly at: readonly (string | number)[] }
  | { readonly op: 'array'; readonly at: readonly (string | number)[]; readonly items: readonly unknown[] };

/** Statuses a wrong answer may have instead of the real one: its neighbours, and the other side of success. */
function neighbourStatuses(status: number): number[] {
  if (status >= 200 && status < 300) return [status === 200 ? 201 : 200, 500];
  if (status === 401) return [403, 200];
  if (status === 403) return [401, 200];
  if (status >= 400 && status < 500) return [status === 400 ? 404 : 400, 200];
  if (status >= 500) return [status === 502 ? 503 : 502, 200];
  return [200];
}

/** Headers worth changing: what a case might read (content type, location, the platform's own x- headers). */
const HOP_OR_TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const pathText = (at: readonly (string | number)[]) =>
  `$${at.map((k) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_][\w-]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join('')}`;

/** A string changed so that no equality, prefix or pattern check on its value can still hold by chance. */
function changedString(value: string): string {
  if (value === '') return 'mutated';
  return `${value.slice(0, Math.max(0, value.length - 1))}${value.endsWith('x') ? 'y' : 'x'}`;
}

/** A copy of a value with every string in it changed at its start (`a/1` -> `mutant-a/1`): another prefix, another name. */
function foreignCopy(value: unknown): unknown {
  if (typeof value === 'string') return `mutant-${value}`;
  if (Array.isArray(value)) return value.map(foreignCopy);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, foreignCopy(v)]),
    );
  return value;
}

function jsonMutations(value: unknown, at: (string | number)[], out: Mutation[]): void {
  const path = pathText(at);
  const add = (change: JsonChange, description: string) =>
    out.push({ kind: 'json', path, change, description: `${path}: ${description}` });
  if (typeof value === 'string') {
    add({ op: 'set', at, value: changedString(value) }, 'string changed');
  } else if (typeof value === 'boolean') {
    add({ op: 'set', at, value: !value }, 'boolean flipped');
  } else if (typeof value === 'number') {
    add({ op: 'set', at, value: value + 1 }, 'number plus one');
    add({ op: 'set', at, value: value === 0 ? 10 : value * 10 }, 'number times ten');
  } else if (Array.isArray(value)) {
    if (value.length > 0) {
      add({ op: 'array', at, items: value.slice(1) }, 'first element dropped');
      add({ op: 'array', at, items: [...value, value[value.length - 1]] }, 'last element repeated');
      // What a list filtered by the request must not hold: a key outside the asked prefix, a record of another
      // container. A copy of the first element with every text changed at its start stands for it.
      add({ op: 'array', at, items: [...value, foreignCopy(value[0])] }, 'foreign element added');
    } else {
      add({ op: 'array', at, items: [null] }, 'element added to the empty list');
    }
    if (value.length > 1 && JSON.stringify(value) !== JSON.stringify([...value].reverse()))
      add({ op: 'array', at, items: [...value].reverse() }, 'elements reordered');
    for (const [i, item] of value.entries()) jsonMutations(item, [...at, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const keyPath = pathText([...at, key]);
      out.push({
        kind: 'json',
        path: keyPath,
        change: { op: 'remove', at: [...at, key] },
        description: `${keyPath}: field removed`,
      });
      if (item !== null)
        out.push({
          kind: 'json',
          path: keyPath,
          change: { op: 'set', at: [...at, key], value: null },
          description: `${keyPath}: set to null`,
        });
      jsonMutations(item, [...at, key], out);
    }
  }
}

/** Every mutation of a response: its status, its headers, and its JSON body value by value (or its text). */
export function mutationsOf(response: RecordedResponse): Mutation[] {
  const out: Mutation[] = neighbourStatuses(response.status).map((to) => ({
    kind: 'status',
    to,
    description: `status ${response.status} -> ${to}`,
  }));
  for (const name of Object.keys(response.headers)) {
    if (HOP_OR_TRANSPORT.has(name.toLowerCase())) continue;
    out.push({ kind: 'header-removed', header: name, description: `header ${name} removed` });
    out.push({ kind: 'header-changed', header: name, description: `header ${name} changed` });
  }
  let parsed: unknown;
  let isJson = false;
  try {
    parsed = JSON.parse(response.body);
    isJson = true;
  } catch {
    isJson = false;
  }
  if (isJson) jsonMutations(parsed, [], out);
  else if (response.body !== '') out.push({ kind: 'text-changed', description: 'body text changed' });
  return out;
}

function withChange(value: unknown, change: JsonChange): unknown {
  const { at } = change;
  if (at.length === 0)
    return change.op === 'remove' ? null : change.op === 'set' ? change.value : change.items;
  const root = structuredClone(value);
  let holder = root as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  const last = at[at.length - 1] as string | number;
  // A later answer to the same request may not have the place (mutating-proxy.ts): the change does not apply.
  if (holder === null || typeof holder !== 'object' || !(last in holder))
    throw new TypeError(`${String(last)} is not in this answer`);
  if (change.op === 'remove') {
    if (Array.isArray(holder)) holder.splice(Number(last), 1);
    else delete holder[last];
  } else holder[last] = change.op === 'set' ? change.value : change.items;
  return root;
}

/** The wrong answer: the response with the mutation applied (the body re-encoded as JSON when it was JSON). */
export function applyMutation(response: RecordedResponse, mutation: Mutation): RecordedResponse {
  switch (mutation.kind) {
    case 'status':
      return { ...response, status: mutation.to };
    case 'header-removed': {
      const headers = { ...response.headers };
      delete headers[mutation.header];
      return { ...response, headers };
    }
    case 'header-changed':
      return {
        ...response,
        headers: {
          ...response.headers,
          [mutation.header]: changedString(response.headers[mutation.header] ?? ''),
        },
      };
    case 'text-changed':
      return { ...response, body: changedString(response.body) };
    case 'json':
      return { ...response, body: JSON.stringify(withChange(JSON.parse(response.body), mutation.change)) };
  }
}

/** A small seeded generator (mulberry32): the same seed picks the same mutations on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `budget` of the mutations, chosen by the generator, in their original order (all when there are fewer). */
export function sample<T>(items: readonly T[], budget: number, random: () => number): T[] {
  if (items.length <= budget) return [...items];
  const picked = new Set<number>();
  while (picked.size < budget) picked.add(Math.floor(random() * items.length));
  return [...picked].sort((a, b) => a - b).map((i) => items[i] as T);
}
