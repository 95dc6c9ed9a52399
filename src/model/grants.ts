// Combining grants from several sources (teams, the member's own entry). The rule is a union:
// a tool is allowed if any source allows it, so the highest profile wins and a tool stays
// disabled only if every source that would otherwise allow it disables it.
import type { GrantOrigin } from './state.js';
import {
  maxBy,
  type PipeLevel,
  type Profile,
  pipeLevelRank,
  profileAllows,
  profileRank,
  type ToolKind,
} from './vocabulary.js';

export interface GrantPiece {
  profile: Profile;
  disabledTools: readonly string[];
  expires?: string;
  origin: GrantOrigin;
}

export interface CombinedGrant {
  profile: Profile;
  disabledTools: string[];
  expires?: string;
  origins: GrantOrigin[];
}

/**
 * With a tool catalog, a tool is disabled when no piece allows it (its kind is beyond a piece's
 * profile or the piece disables it). Without one, kinds are unknown, so only pieces at the top
 * profile can re-enable a tool: never more access than some source clearly gave.
 */
export function combineGrantPieces(
  pieces: readonly GrantPiece[],
  catalog?: Readonly<Record<string, ToolKind>>,
): CombinedGrant {
  const only = pieces.length === 1 ? pieces[0] : undefined;
  if (only) {
    // The common case, and the union of one piece is that piece.
    const { profile, disabledTools, expires, origin } = only;
    return { profile, disabledTools: [...disabledTools], ...(expires ? { expires } : {}), origins: [origin] };
  }
  const profile = maxBy(
    pieces.map((piece) => piece.profile),
    profileRank,
  );
  const allowedBy = (piece: GrantPiece, tool: string): boolean => {
    if (piece.disabledTools.includes(tool)) return false;
    // Own properties only: a disabled tool named `constructor` is not a kind.
    const kind = catalog && Object.hasOwn(catalog, tool) ? catalog[tool] : undefined;
    return kind ? profileAllows(piece.profile, kind) : piece.profile === profile;
  };
  const named = new Set(pieces.flatMap((piece) => piece.disabledTools));
  const disabledTools = [...named].filter((tool) => !pieces.some((piece) => allowedBy(piece, tool))).sort();
  const expires = latestExpiry(pieces.map((piece) => piece.expires));
  return { profile, disabledTools, ...(expires ? { expires } : {}), origins: pieces.map((piece) => piece.origin) };
}

export interface PipePiece {
  level: PipeLevel;
  expires?: string;
  origin: GrantOrigin;
}

export function combinePipePieces(pieces: readonly PipePiece[]): {
  level: PipeLevel;
  expires?: string;
  origins: GrantOrigin[];
} {
  const level = maxBy(
    pieces.map((piece) => piece.level),
    pipeLevelRank,
  );
  const expires = latestExpiry(pieces.map((piece) => piece.expires));
  return { level, ...(expires ? { expires } : {}), origins: pieces.map((piece) => piece.origin) };
}

/** A combined grant lasts as long as its longest-lived source; one without an end never ends. */
function latestExpiry(dates: readonly (string | undefined)[]): string | undefined {
  if (dates.some((date) => date === undefined)) return undefined;
  return [...(dates as string[])].sort().at(-1);
}
