import { Injectable } from '@nestjs/common';
import {
  ContractViolation,
  CreateUserRequest,
  DeleteUserRequest,
  DomainErrorCode,
  GetUserRequest,
  MembershipPatterns,
  QueryUsersRequest,
  ReplaceUserRequest,
  parseContract,
  type MembershipPattern,
  type UserList,
  type UserRecord,
  type UserWrite,
} from '@roster/contracts';
import { ScimError } from '@roster/scim';
import type { ClassConstructor } from 'class-transformer';
import { MembershipClient } from '../../membership/membership.client';
import { MembershipDomainError } from '../../membership/membership.errors';
import { userNameTaken, userNotFound } from './user-errors';

/**
 * Membership's user commands and queries, typed. Each request is checked against its contract before
 * it is sent (libs/scim keeps values within the contract's limits, so a violation is a client value
 * that could not be mapped: 400), and the domain errors about this user are worded here, where the id
 * and userName are known; the rest go to the exception filter as they are.
 */
@Injectable()
export class MembershipUsersClient {
  constructor(private readonly membership: MembershipClient) {}

  create(organizationId: string, user: UserWrite): Promise<UserRecord> {
    const request: CreateUserRequest = { organizationId, user };
    return this.send(MembershipPatterns.usersCreate, CreateUserRequest, request, { userName: user.userName });
  }

  get(organizationId: string, id: string): Promise<UserRecord> {
    const request: GetUserRequest = { organizationId, id };
    return this.send(MembershipPatterns.usersGet, GetUserRequest, request, { id });
  }

  query(request: QueryUsersRequest): Promise<UserList> {
    return this.send(MembershipPatterns.usersQuery, QueryUsersRequest, request, {});
  }

  /** Replaces the user; with `expectedVersion`, only if that is still its version (else version_mismatch). */
  replace(
    organizationId: string,
    id: string,
    user: UserWrite,
    expectedVersion: number | undefined,
  ): Promise<UserRecord> {
    const request: ReplaceUserRequest = { organizationId, id, expectedVersion, user };
    return this.send(MembershipPatterns.usersReplace, ReplaceUserRequest, request, {
      id,
      userName: user.userName,
    });
  }

  async delete(organizationId: string, id: string, expectedVersion: number | undefined): Promise<void> {
    const request: DeleteUserRequest = { organizationId, id, expectedVersion };
    await this.send<void>(MembershipPatterns.usersDelete, DeleteUserRequest, request, { id });
  }

  private async send<T>(
    pattern: MembershipPattern,
    contract: ClassConstructor<object>,
    request: object,
    subject: { id?: string; userName?: string },
  ): Promise<T> {
    try {
      parseContract(contract, request);
    } catch (error) {
      if (error instanceof ContractViolation) {
        throw ScimError.badRequest('invalidValue', error.problems.join('; '));
      }
      throw error;
    }
    try {
      return await this.membership.send<T>(pattern, request);
    } catch (error) {
      throw userError(error, subject);
    }
  }
}

function userError(error: unknown, subject: { id?: string; userName?: string }): unknown {
  if (!(error instanceof MembershipDomainError)) return error;
  if (error.code === DomainErrorCode.notFound && subject.id !== undefined) return userNotFound(subject.id);
  const target = error.target ?? 'userName';
  if (error.code === DomainErrorCode.uniqueness && target === 'userName' && subject.userName !== undefined) {
    return userNameTaken(subject.userName);
  }
  return error;
}
