// The config diff in a pull request comment. The head's author wrote every line of it, so each
// file's fence is longer than any backtick run inside (a line of ``` in the config cannot close
// it and turn the rest into markup), the file name is a code span, and control characters show as
// escapes. A comment has a size limit: past `maxChars` the diff is cut at a line and the caller
// is told, to point at the job summary where the whole diff fits.
import { markdownCode } from '../render/markdown-text.js';
import { visible } from '../render/visible.js';
import type { ConfigFileDiff } from './config-diff.js';

export interface ConfigDiffMarkdown {
  markdown: string;
  /** Some of the diff did not fit in maxChars. */
  truncated: boolean;
  /** Files left out entirely (a file cut short is not listed). */
  omitted: string[];
}

export function configDiffMarkdown(diffs: readonly ConfigFileDiff[], maxChars = Infinity): ConfigDiffMarkdown {
  const blocks: string[] = [];
  const omitted: string[] = [];
  let used = 0;
  let truncated = false;
  for (const diff of diffs) {
    const separator = blocks.length ? 2 : 0;
    const block = truncated ? '' : fileBlock(diff, maxChars - used - separator);
    if (block !== fileBlock(diff)) truncated = true;
    if (!block) {
      omitted.push(diff.path);
      continue;
    }
    used += separator + block.length;
    blocks.push(block);
  }
  return { markdown: blocks.join('\n\n'), truncated, omitted };
}

/** The file's block, with as many whole lines as fit in `room`; '' when not even one does. */
function fileBlock(diff: ConfigFileDiff, room = Infinity): string {
  const lines = diff.patch.replace(/\n$/, '').split('\n').map(visible);
  const longest = Math.max(0, ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const open = `${markdownCode(diff.path)} (${diff.change})\n\n${fence}diff\n`;
  const close = `\n${fence}`;
  let length = open.length + close.length - 1;
  let count = 0;
  while (count < lines.length && length + 1 + lines[count]!.length <= room) length += 1 + lines[count++]!.length;
  return count ? `${open}${lines.slice(0, count).join('\n')}${close}` : '';
}
