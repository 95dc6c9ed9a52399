// The data of a YAML test suite case, built from its event tree (`tree`: +MAP, =VAL :text, ...), for
// the valid cases that come without in.json. The format is the suite's (github.com/yaml/yaml-test-suite,
// its ReadMe "Event stream"): one event a line, `&anchor` and `<tag>` before a value, the value's
// style as its first character (`:` plain, `'` `"` quoted, `|` `>` block), \\ \n \t \b \r escaped.
import { isScalar, Schema, type ScalarTag } from 'yaml';

const CORE_TAG = 'tag:yaml.org,2002:';
/** The YAML 1.2 core schema's scalar tags, as the spec resolves plain scalars (the yaml package's). */
const scalarTags = new Schema({ schema: 'core' }).tags.filter((tag): tag is ScalarTag => !tag.collection);
const ESCAPES: Record<string, string> = { '\\': '\\', n: '\n', t: '\t', b: '\b', r: '\r' };

/** The data of the one document an event tree holds (null for a stream of no document). */
export function eventTreeData(tree: string): unknown {
  const anchors = new Map<string, unknown>();
  /** The open collections; a mapping's key waits in `key` for its value. */
  const open: { node: unknown[] | Record<string, unknown>; key?: string }[] = [];
  let result: unknown = null;
  const add = (value: unknown) => {
    const parent = open.at(-1);
    if (!parent) result = value;
    else if (Array.isArray(parent.node)) parent.node.push(value);
    else if (parent.key === undefined) parent.key = String(value);
    else {
      parent.node[parent.key] = value;
      parent.key = undefined;
    }
  };
  // Leading blanks are the tree's indentation; a value's trailing blanks are its own.
  for (const line of tree.split('\n').map((text) => text.replace(/^ +/, ''))) {
    const [event = '', ...words] = line.split(' ');
    const anchor = words[0]?.startsWith('&') ? words.shift()?.slice(1) : undefined;
    const tag = words[0]?.startsWith('<') ? words.shift()?.slice(1, -1) : undefined;
    if (event === '+MAP' || event === '+SEQ') {
      const node = event === '+MAP' ? {} : [];
      if (anchor) anchors.set(anchor, node);
      add(node);
      open.push({ node });
    } else if (event === '-MAP' || event === '-SEQ') {
      open.pop();
    } else if (event === '=ALI') {
      add(anchors.get((words[0] ?? '').slice(1)));
    } else if (event === '=VAL') {
      const text = words.join(' ');
      const value = scalar(text[0] as string, unescape(text.slice(1)), tag);
      if (anchor) anchors.set(anchor, value);
      add(value);
    }
  }
  return result;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, char: string) => ESCAPES[char] ?? char);
}

/** A scalar's value: a plain one untagged resolves by the core schema, every other one is text. */
function scalar(style: string, text: string, tag: string | undefined): unknown {
  const resolved = tag === undefined && style === ':';
  const coreTag = tag?.startsWith(CORE_TAG) ? tag : undefined;
  if (!resolved && coreTag === undefined) return text;
  const fit = scalarTags.find((candidate) =>
    coreTag
      ? candidate.tag === coreTag && (candidate.test?.test(text) ?? true)
      : candidate.default && candidate.test?.test(text),
  );
  if (!fit) return text;
  const value = fit.resolve(text, () => undefined, {});
  return isScalar(value) ? value.value : value;
}
