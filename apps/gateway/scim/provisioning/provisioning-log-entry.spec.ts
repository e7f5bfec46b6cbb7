import { parseContract, ProvisioningLogEntry } from '@roster/contracts';
import { outcomeOf, provisioningLogEntry, type FinishedScimRequest } from './provisioning-log-entry';

const ORG = '0B8F7C7E-3C1E-4A53-9D0E-5B1F2A3C4D5E';
const org = ORG.toLowerCase();
const USER = 'c2a1e0de-8d7e-4c3b-9f6a-1b2c3d4e5f60';

function finished(overrides: Partial<FinishedScimRequest>): FinishedScimRequest {
  return {
    id: 'req-1',
    entryId: '7d3c5b1e-2f4a-4b6c-8d9e-0a1b2c3d4e5f',
    method: 'GET',
    url: `/scim/v2/${ORG}/Users`,
    headers: { userAgent: 'Okta SCIM Client 1.0.0' },
    status: 200,
    durationMs: 12.6,
    finishedAt: Date.parse('2026-03-01T09:00:00.020Z'),
    warnings: [],
    ...overrides,
  };
}

// Protects SPEC §1: each SCIM request becomes an entry naming its organization, resource and
// outcome — with the path cut at the query string, so filter values never reach the log.
describe('provisioningLogEntry', () => {
  it.each<[string, Partial<FinishedScimRequest>, Partial<ProvisioningLogEntry>]>([
    [
      'a list with a filter',
      { url: `/scim/v2/${ORG}/Users?filter=userName%20eq%20%22secret%40x.com%22` },
      { path: `/scim/v2/${ORG}/Users`, resourceType: 'User', resourceId: null, outcome: 'success' },
    ],
    [
      'a create: the id from Location',
      {
        method: 'post',
        url: `/scim/v2/${ORG}/Users`,
        status: 201,
        location: `https://r.test/scim/v2/${org}/Users/${USER}`,
      },
      { method: 'POST', resourceType: 'User', resourceId: USER },
    ],
    [
      'a lower-case group PATCH',
      { method: 'PATCH', url: `/scim/v2/${ORG}/groups/g-1/`, status: 204 },
      { resourceType: 'Group', resourceId: 'g-1', path: `/scim/v2/${ORG}/groups/g-1/` },
    ],
    [
      'a search: .search is not an id',
      { method: 'POST', url: `/scim/v2/${ORG}/Users/.search`, status: 200 },
      { resourceType: 'User', resourceId: null },
    ],
    [
      'the serviceConfiguration alias',
      { url: `/scim/v2/${ORG}/serviceConfiguration` },
      { resourceType: 'ServiceProviderConfig', resourceId: null },
    ],
    [
      'an unknown endpoint',
      { url: `/scim/v2/${ORG}/Devices/1`, status: 404 },
      { resourceType: null, resourceId: null, outcome: 'client_error' },
    ],
    [
      'the organization root',
      { url: `/scim/v2/${ORG}`, status: 404 },
      { resourceType: null, path: `/scim/v2/${ORG}` },
    ],
    [
      'Entra by its header',
      { headers: { userAgent: 'Mozilla/5.0', adScimVersion: '2.0' } },
      { idp: 'entra' },
    ],
    ['an outage', { status: 503 }, { outcome: 'unavailable' }],
    ['a percent-encoded id', { url: `/scim/v2/${ORG}/Users/a%20b` }, { resourceId: 'a b' }],
  ])('%s', (_name, request, expected) => {
    const entry = provisioningLogEntry(finished(request));
    expect(entry).toMatchObject({ organizationId: org, ...expected });
    // Every entry passes the contract membership validates on receipt.
    expect(() => parseContract(ProvisioningLogEntry, entry)).not.toThrow();
  });

  it('dates the entry when the request arrived and rounds its duration', () => {
    expect(provisioningLogEntry(finished({}))).toMatchObject({
      at: '2026-03-01T09:00:00.007Z',
      durationMs: 13,
    });
  });

  it('keeps warnings within the contract bounds', () => {
    const warnings = Array.from({ length: 30 }, (_, i) => `member ${i} skipped ${'x'.repeat(600)}`);
    const entry = provisioningLogEntry(finished({ warnings }))!;
    expect(entry.warnings).toHaveLength(20);
    expect(entry.warnings[0]).toHaveLength(500);
    expect(() => parseContract(ProvisioningLogEntry, entry)).not.toThrow();
  });

  it('cuts an overlong path and id so the entry is still stored', () => {
    const entry = provisioningLogEntry(finished({ url: `/scim/v2/${ORG}/Users/${'x'.repeat(900)}` }))!;
    expect(entry.path).toHaveLength(512);
    expect(entry.resourceId).toHaveLength(200);
    expect(() => parseContract(ProvisioningLogEntry, entry)).not.toThrow();
  });

  it.each([['/scim/v2/acme/Users'], ['/scim/v2'], ['/scim/v1/' + ORG + '/Users'], ['/api/organizations']])(
    'files nothing without an organization id: %s',
    (url) => {
      expect(provisioningLogEntry(finished({ url }))).toBeNull();
    },
  );

  it.each([
    [200, 'success'],
    [204, 'success'],
    [304, 'success'],
    [400, 'client_error'],
    [401, 'client_error'],
    [429, 'client_error'],
    [500, 'server_error'],
    [501, 'server_error'],
    [503, 'unavailable'],
  ])('status %i is %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });
});
