import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';

/** BullMQ queues between membership and the mailer (DESIGN.md §5). */
export const MailQueues = Object.freeze({
  /** membership's outbox relay → mailer: one job per email, jobId `outbox-<outbox id>`. */
  outgoing: 'mail-outgoing',
  /** mailer → membership: delivery state of each email. */
  deliveries: 'mail-deliveries',
} as const);

/** The emails Roster sends (SPEC §7). The BullMQ job name is `mailJobName(kind)`. */
export const MailKind = Object.freeze({
  invitation: 'invitation',
  revocation: 'revocation',
  restored: 'restored',
  removal: 'removal',
  /** To the member: an admin confirmed them (or the organization auto-confirms); they have access now. */
  confirmed: 'confirmed',
  /** To each admin address of the organization: `member` accepted and awaits confirmation. */
  acceptedAdminNotice: 'acceptedAdminNotice',
  /** To the member's previous address: the IdP changed the address Roster writes to (SPEC §4). */
  emailChanged: 'emailChanged',
  /** To the member who joined: the IdP changed their userName, the address staying the same (SPEC §4). */
  userNameChanged: 'userNameChanged',
} as const);
export type MailKind = (typeof MailKind)[keyof typeof MailKind];
export const MAIL_KINDS: readonly MailKind[] = Object.values(MailKind);
/** Kinds addressed to the member themself: the ones an admin reads as "the member's last email". */
export const MEMBER_MAIL_KINDS: readonly MailKind[] = MAIL_KINDS.filter(
  (kind) => kind !== MailKind.acceptedAdminNotice,
);

export const mailJobName = (kind: MailKind): string => `${kind}.v1`;
/** Job name of a delivery report on `MailQueues.deliveries`. */
export const DELIVERY_REPORT_JOB = 'delivery.v1';
/** The backoff strategy the mailer registers and every outgoing job names: `backoff: { type: 'mail' }`. */
export const MAIL_BACKOFF_TYPE = 'mail';
/** Attempts every outgoing mail job gets; with the mailer's backoff they span more than a day (SPEC §7). */
export const MAIL_JOB_ATTEMPTS = 40;
/** BullMQ refuses `:` and plain integers in custom job ids (DESIGN.md §10.8). */
export const mailJobId = (outboxId: string | number): string => `outbox-${outboxId}`;
export const deliveryJobId = (eventId: string, state: string, attempt: number): string =>
  `delivery-${eventId}-${state}-${attempt}`;

export class MailOrganization {
  @IsUUID() id!: string;
  @IsString() @MaxLength(200) name!: string;
}

export class MailMember {
  @IsUUID() id!: string;
  @IsString() @MaxLength(512) userName!: string;
  @IsOptional() @IsString() @MaxLength(512) displayName?: string | null;
}

/**
 * What the mailer needs to mint an invitation token at send time (so Redis never holds a token):
 * the nonce binds the token to this issue of the invitation; a re-issue gets a new nonce.
 */
export class MailInvitation {
  @IsString() @MaxLength(64) nonce!: string;
  @IsString() issuedAt!: string;
  @IsString() expiresAt!: string;
}

export class MailJob {
  /** The outbox row id: one email per event; carried in the `X-Roster-Event-Id` header. */
  @IsString() @MaxLength(64) eventId!: string;
  @IsIn(MAIL_KINDS) kind!: MailKind;
  @IsString() @MaxLength(320) to!: string;
  @ValidateNested() @Type(() => MailOrganization) organization!: MailOrganization;
  @ValidateNested() @Type(() => MailMember) member!: MailMember;
  @IsOptional() @ValidateNested() @Type(() => MailInvitation) invitation?: MailInvitation;
  /** `userNameChanged`, and `emailChanged` when the userName changed too: the userName before; `member.userName` is the new one. */
  @IsOptional() @IsString() @MaxLength(512) previousUserName?: string;
}

export const DELIVERY_STATES = ['sent', 'retrying', 'bounced'] as const;
export type ReportedDeliveryState = (typeof DELIVERY_STATES)[number];

export class DeliveryReport {
  @IsString() @MaxLength(64) eventId!: string;
  @IsUUID() organizationId!: string;
  @IsUUID() memberId!: string;
  @IsIn(MAIL_KINDS) kind!: MailKind;
  @IsIn(DELIVERY_STATES) state!: ReportedDeliveryState;
  @IsInt() @Min(1) attempts!: number;
  /** SMTP response or error summary; never a token or credential. */
  @IsOptional() @IsString() @MaxLength(1000) detail?: string;
  @IsString() at!: string;
}
