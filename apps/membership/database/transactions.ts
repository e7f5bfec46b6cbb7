import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../domain/domain-error';
import { violatedUniqueConstraint } from './database-errors';

/** The unique indexes that carry a domain rule, and the attribute each one protects. */
const UNIQUENESS_RULES: Readonly<Record<string, { target: string; message: string }>> = {
  members_user_name_canonical_key: {
    target: 'userName',
    message: 'userName is already taken in this organization.',
  },
  groups_display_name_canonical_key: {
    target: 'displayName',
    message: 'displayName is already taken by another group in this organization.',
  },
  scim_api_keys_digest_key: { target: 'digest', message: 'This API key is already registered.' },
};

/**
 * One transaction per command (DESIGN.md §4). Uniqueness is decided by the index, not by a
 * pre-check that a concurrent request could slip past: a violation of a rule's index becomes the
 * domain error `uniqueness` naming the attribute, after the transaction has rolled back.
 */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const constraint = violatedUniqueConstraint(error);
      const rule = constraint === undefined ? undefined : UNIQUENESS_RULES[constraint];
      if (rule) throw DomainError.uniqueness(rule.target, rule.message);
      throw error;
    }
  }

  /** A read-only snapshot: a page and its total come from the same state of the table. */
  async read<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      return work(tx);
    });
  }

  /** For single-statement reads that need no transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
