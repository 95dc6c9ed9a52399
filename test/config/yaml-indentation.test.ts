// One indentation slip, one error: on the line that slipped, with the indentation expected there
// and the line it should line up with, not the parser's errors about the lines around it.
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../helpers/validate.js';

const HEADER = 'version: 1\nworkspace: { name: t, plan: business }\n';

function errorsOf(yaml: string) {
  const { result } = validateFiles({ 'roster.yaml': `${HEADER}${yaml}` });
  return result.diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`);
}

describe('an indentation slip', () => {
  it('one space too deep under a list item: one error on that line, saying 4 was expected', () => {
    const errors = errorsOf(
      'members:\n  - email: o@x.io\n    role: owner\n  - email: m@x.io\n     role: member\nintegrations:\n  stripe: { tools: { find: read } }\n',
    );
    expect(errors).toEqual([
      '7:6 yaml-indentation this line is indented 5 spaces, but the block it continues is at 4, like "email: m@x.io" (line 6), and a key with a value on its line holds nothing beneath it; indent this line 4 spaces',
    ]);
  });

  it('one space too shallow: one error on that line, with the column to line up with', () => {
    expect(errorsOf('members:\n  - email: o@x.io\n   role: owner\n')).toEqual([
      '5:4 yaml-indentation this line is indented 3 spaces, which matches no mapping or list above it; indent it 4 spaces, like "email: o@x.io" (line 4), or as far as an outer key to close that block',
    ]);
  });

  it('leaves other syntax errors, block scalars and flow collections over several lines to the parser', () => {
    expect(errorsOf('members: [\n  { email: o@x.io, role: owner }\n')).toEqual([
      expect.stringMatching(/^\d+:\d+ yaml-syntax /),
    ]);
    const fine = errorsOf(
      'members:\n  - { email: o@x.io,\n      role: owner }\n  - email: m@x.io\n    name: |\n      Ma\n        ria\n    role: member\n',
    );
    expect(fine.filter((error) => error.includes('yaml-'))).toEqual([]);
  });
});
