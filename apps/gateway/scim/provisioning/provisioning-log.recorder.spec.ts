import { Logger } from '@nestjs/common';
import { MembershipPatterns, type ProvisioningLogEntry } from '@roster/contracts';
import type { MembershipClient } from '../../membership/membership.client';
import { MembershipDomainError, MembershipUnavailableError } from '../../membership/membership.errors';
import { ProvisioningLogRecorder } from './provisioning-log.recorder';
import { UnauthenticatedEntryLimiter } from './unauthenticated-entry.limiter';

const entry = (n: number) => ({ id: `entry-${n}` }) as ProvisioningLogEntry;

function setup() {
  const send = jest
    .fn<Promise<unknown>, [string, { entries: ProvisioningLogEntry[] }, number?]>()
    .mockResolvedValue({ stored: 1 });
  const recorder = new ProvisioningLogRecorder({ send } as unknown as MembershipClient);
  const sentIds = () => send.mock.calls.flatMap(([, request]) => request.entries.map((e) => e.id));
  return { recorder, send, sentIds };
}

// Protects SPEC §1 "every SCIM request is recorded": entries reach membership in batches and survive
// a membership outage; IdP requests never wait for them.
describe('ProvisioningLogRecorder', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('sends buffered entries in one batch, on the pattern membership serves', async () => {
    const { recorder, send } = setup();
    recorder.record(entry(1));
    recorder.record(entry(2));
    expect(send).not.toHaveBeenCalled();
    await recorder.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(
      MembershipPatterns.provisioningLogRecord,
      { entries: [entry(1), entry(2)] },
      5_000,
    );
    expect(recorder.pending).toBe(0);
  });

  it('keeps a batch while membership is unreachable and sends it, in order, once it answers', async () => {
    const { recorder, send, sentIds } = setup();
    send.mockRejectedValueOnce(new MembershipUnavailableError('p', 'no_responder'));
    recorder.record(entry(1));
    await recorder.flush();
    recorder.record(entry(2));
    await recorder.flush();
    expect(sentIds()).toEqual(['entry-1', 'entry-1', 'entry-2']);
    expect(recorder.pending).toBe(0);
  });

  it('drops a batch membership refuses, since sending it again cannot succeed', async () => {
    const { recorder, send } = setup();
    send.mockRejectedValueOnce(new MembershipDomainError('invalid_payload', 'bad'));
    recorder.record(entry(1));
    await recorder.flush();
    expect(recorder.pending).toBe(0);
  });

  it('sends a full batch without waiting for the timer, 500 entries at most per message', async () => {
    const { recorder, send } = setup();
    for (let i = 0; i < 1_200; i++) recorder.record(entry(i));
    await recorder.flush();
    expect(send.mock.calls.map(([, request]) => request.entries.length)).toEqual([500, 500, 200]);
  });
});

// Protects the log from floods: anyone who knows an organization id can send failing requests.
describe('UnauthenticatedEntryLimiter', () => {
  it('takes 30 entries per organization per minute', () => {
    const limiter = new UnauthenticatedEntryLimiter();
    const allowed = (org: string, now: number) =>
      Array.from({ length: 40 }, () => limiter.allow(org, now)).filter(Boolean).length;
    expect(allowed('a', 0)).toBe(30);
    expect(allowed('b', 1_000)).toBe(30);
    expect(allowed('a', 59_999)).toBe(0);
    expect(allowed('a', 60_000)).toBe(30);
  });
});
