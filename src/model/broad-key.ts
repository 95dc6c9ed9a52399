// Which keys reach further than anyone planned: a workspace key scoped to all integrations
// (`integrations: all`) may use every tool of every integration, including ones connected after it
// was made. Authorize lets it through on that basis; the review lists it as broad.
import type { Key } from './state.js';

export function isBroadKey(key: Pick<Key, 'type' | 'allIntegrations'>): boolean {
  return key.type === 'workspace' && key.allIntegrations === true;
}
