// class-transformer's @Type (nested contracts) reads design-time metadata: load the polyfill first.
import 'reflect-metadata';
export * from './validation';
export * from './query/query-expr';
export * from './membership/patterns';
export * from './membership/domain-errors';
export * from './membership/member-status';
export * from './membership/organizations';
export * from './membership/members';
export * from './membership/users';
export * from './membership/groups';
export * from './membership/organization-admin';
export * from './membership/scim-key-admin';
export * from './provisioning/provisioning-log';
export * from './mail/mail-jobs';
export * from './invitations/invitation-token';
export * from './membership/invitations';
export * from './membership/organization-settings';
