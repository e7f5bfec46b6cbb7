import { verifyInvitationToken, type MailJob } from '@roster/contracts';
import { MailRenderer } from '../rendering/mail-renderer';
import { readMailTemplates } from '../rendering/mail-template-files';
import { MailComposer, UndeliverableMailError, senderDomain } from './outgoing-mail';

const secret = 's'.repeat(40);
const now = new Date('2030-01-01T12:00:00Z');
const composer = new MailComposer(MailRenderer.compile(readMailTemplates()), {
  mailFrom: 'Roster <roster@mail.example.com>',
  publicUrl: 'https://roster.example.com/base/',
  invitationSecret: secret,
});

function job(overrides: Partial<MailJob> = {}): MailJob {
  return {
    eventId: '42',
    kind: 'invitation',
    to: 'alice@example.com',
    organization: { id: '5d3e4a2b-1f0c-4b8a-9e6d-7c5b4a3f2e1d', name: 'Acme' },
    member: { id: '0b6f1c1e-7c55-4d4e-9f57-0c7f0e8c9a01', userName: 'alice', displayName: null },
    invitation: { nonce: 'n1', issuedAt: '2030-01-01T11:00:00Z', expiresAt: '2030-01-06T11:00:00Z' },
    ...overrides,
  };
}

describe('MailComposer', () => {
  it('mints a token for this member, organization, address and issue of the invitation', () => {
    const mail = composer.compose(job(), now);
    const token = /accept\?token=(\S+)/.exec(mail.text)![1];
    expect(mail.text).toContain('https://roster.example.com/base/invitations/accept?token=');
    expect(verifyInvitationToken(token, secret, now)).toEqual({
      memberId: job().member.id,
      organizationId: job().organization.id,
      email: 'alice@example.com',
      issuedAt: new Date('2030-01-01T11:00:00Z'),
      expiresAt: new Date('2030-01-06T11:00:00Z'),
      nonce: 'n1',
    });
  });

  it('identifies the message by its event: header and a deterministic Message-ID', () => {
    const first = composer.compose(job(), now);
    expect(first.headers['X-Roster-Event-Id']).toBe('42');
    expect(first.messageId).toMatch(/^<42\.[0-9a-f]{20}@mail\.example\.com>$/);
    expect(composer.compose(job(), new Date('2030-01-02T00:00:00Z')).messageId).toBe(first.messageId);
    expect(composer.compose(job({ eventId: '43' }), now).messageId).not.toBe(first.messageId);
  });

  it('greets by display name, else by a userName that is not an address', () => {
    expect(
      composer.compose(job({ kind: 'removal', member: { ...job().member, displayName: 'Alice M' } }), now)
        .text,
    ).toMatch(/^Hello Alice M,/);
    expect(composer.compose(job({ kind: 'removal' }), now).text).toMatch(/^Hello alice,/);
    const addressAsUserName = { ...job().member, userName: 'alice@example.com' };
    expect(composer.compose(job({ kind: 'removal', member: addressAsUserName }), now).text).toMatch(
      /^Hello,/,
    );
  });

  // Protects: an admin notice is addressed to the admin, about the member, linking PUBLIC_URL/admin.
  it('greets the admin, names the member who accepted and links the admin console', () => {
    const member = { ...job().member, displayName: 'Alice Martin' };
    const mail = composer.compose(
      job({ kind: 'acceptedAdminNotice', to: 'admin@acme.example', member, invitation: undefined }),
      now,
    );
    expect(mail.to).toBe('admin@acme.example');
    expect(mail.subject).toBe('Alice Martin accepted the invitation to Acme');
    expect(mail.text).toMatch(/^Hello,/);
    expect(mail.text).toContain('https://roster.example.com/base/admin');
  });

  it.each<[string, Partial<MailJob>]>([
    ['a list of recipients', { to: 'alice@example.com, mallory@evil.example' }],
    ['a display-name address', { to: 'Alice <alice@example.com>' }],
    ['an invitation without its invitation', { invitation: undefined }],
    ['unparseable dates', { invitation: { nonce: 'n', issuedAt: 'yesterday', expiresAt: 'tomorrow' } }],
    [
      'an invitation that expired before sending',
      { invitation: { nonce: 'n', issuedAt: '2029-12-01T00:00:00Z', expiresAt: '2029-12-06T00:00:00Z' } },
    ],
  ])('refuses %s as undeliverable', (_case, overrides) => {
    expect(() => composer.compose(job(overrides), now)).toThrow(UndeliverableMailError);
  });

  it.each([
    ['Roster <roster@example.com>', 'example.com'],
    ['roster@example.org', 'example.org'],
    ['"Ros, ter" <r@mail.example.net>', 'mail.example.net'],
  ])('takes the Message-ID domain from %s', (from, domain) => {
    expect(senderDomain(from)).toBe(domain);
  });
});
