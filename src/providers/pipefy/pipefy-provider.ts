// Pipefy's public GraphQL API as a roster provider: company members and roles, and the members
// and levels of the pipes the config declares (by pipefy_id). Pipefy has no batches, versions or
// idempotency keys: it is applied change by change (changeByChange), each scope checked against
// its fingerprint first and each change read back (an invite can answer success and do nothing).
import type { Actor, BatchResult, Change, ChangeContext } from '../../model/changes.js';
import type { ProviderCapabilities } from '../../model/capabilities.js';
import { PIPE_LEVELS, ROLES } from '../../model/vocabulary.js';
import { type ApplyRequest, type ChangeByChange, type Provider, ProviderError, type Snapshot } from '../provider.js';
import { PipefyChanges } from './changes.js';
import { PipefyClient } from './client.js';
import { roleFromPipefy } from './mapping.js';
import { ME } from './operations.js';
import {
  companyAdmins,
  fingerprintOf,
  type LiveMember,
  ORGANIZATION_SCOPE,
  readOrganization,
  readPipe,
} from './read.js';
import { buildSnapshot, type PipefyDeclarations } from './snapshot.js';

export const PIPEFY_CAPABILITIES: ProviderCapabilities = {
  roles: ROLES,
  pipeLevels: PIPE_LEVELS,
  resources: ['members', 'pipes', 'pipe_memberships'],
  atomicBatches: false,
  connectsIntegrations: false,
  // Changes go one at a time; there is no batch to split a plan into.
  maxBatchChanges: Number.POSITIVE_INFINITY,
  implicitPipeAdmins: true,
};

export class PipefyProvider implements Provider {
  readonly capabilities = PIPEFY_CAPABILITIES;
  readonly description: string;
  readonly changeByChange: ChangeByChange;
  private organization: Promise<LiveMember[]> | undefined;
  private readonly changes: PipefyChanges;

  constructor(
    readonly client: PipefyClient,
    private readonly organizationId: string,
    private readonly declared: PipefyDeclarations,
  ) {
    this.description = `pipefy organization ${organizationId} at ${client.url}`;
    this.changes = new PipefyChanges(client, organizationId, new Map(declared.pipes.map((pipe) => [pipe.id, pipe])));
    this.changeByChange = {
      scopeOf: (change: Change) => this.changes.scopeOf(change),
      fingerprint: (scope: string) => this.fingerprint(scope),
      holds: (change: Change) => this.changes.holds(change),
      applyChange: (change: Change, _context: ChangeContext) => {
        this.organization = undefined; // what whoami and the next snapshot read must come after it
        return this.changes.apply(change);
      },
      // A change can read before it writes, and reads are retried: the budget counts requests.
      paceRequests: (take) => {
        this.client.pace = take;
      },
    };
  }

  async whoami(): Promise<Actor> {
    const { me } = await this.client.query(ME);
    const email = me?.email.toLowerCase() ?? 'unknown';
    const live = (await this.readOrganization()).find((member) => member.email === email);
    const role = live && roleFromPipefy(live.roleName);
    // Someone whose company role roster has no word for may only read: 'member' gives no powers to change.
    return { name: email, role: role ?? 'member' };
  }

  /** Read afresh every time: apply reads the workspace again before it starts. */
  async snapshot(): Promise<Snapshot> {
    this.organization = readOrganization(this.client, this.organizationId);
    const organization = await this.organization;
    const pipes = new Map(
      await Promise.all(
        this.declared.pipes.map(async (pipe) => [pipe.id, (await readPipe(this.client, pipe)).members] as const),
      ),
    );
    return buildSnapshot({ organization, pipes }, this.declared);
  }

  async apply(_request: ApplyRequest): Promise<BatchResult> {
    throw new ProviderError(
      'no-batches',
      'Pipefy applies no batches: the pipefy provider is applied change by change (changeByChange)',
    );
  }

  async close(): Promise<void> {}

  private readOrganization(): Promise<LiveMember[]> {
    this.organization ??= readOrganization(this.client, this.organizationId);
    return this.organization;
  }

  private async fingerprint(scope: string): Promise<string> {
    const organization = await readOrganization(this.client, this.organizationId);
    if (scope === ORGANIZATION_SCOPE) return fingerprintOf(organization);
    const pipe = this.declared.pipes.find((declared) => scope === `pipe:${declared.id}`);
    if (!pipe) throw new ProviderError('unknown-scope', `the pipefy provider has no scope ${scope}`);
    return fingerprintOf((await readPipe(this.client, pipe)).members, companyAdmins(organization));
  }
}
