// What a provider may know about use, beside the state: when members joined and when keys and
// grants were last used. The review reads it to find access nobody uses; a provider that records
// none of it (Pipefy) leaves it out, and the review says which findings it could not make.

export interface Usage {
  /** When each current member joined the workspace (ISO time). */
  members: { email: string; joinedAt: string }[];
  /** Keys that have been used, with their last use (ISO time); a key never used is absent. */
  keys: { name: string; lastUsedAt: string }[];
  /**
   * Current grants with when each was last set (the lower bound of "unused": a grant made
   * yesterday is not unused) and its last allowed tool call (ISO times; absent when unknown/never).
   */
  grants: { email: string; integration: string; grantedAt?: string; lastUsedAt?: string }[];
}
