// The two functions of semver (npm's own version ranges) that test/package.test.ts uses; semver
// ships no types of its own.
declare module 'semver' {
  /** Every version `sub` admits, `dom` admits too. */
  export function subset(sub: string, dom: string): boolean;
  export function satisfies(version: string, range: string): boolean;
  const semver: { subset: typeof subset; satisfies: typeof satisfies };
  export default semver;
}
