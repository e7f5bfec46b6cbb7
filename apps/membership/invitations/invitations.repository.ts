import { Injectable } from '@nestjs/common';
import { MemberStatus, type InvitationClaimRequest } from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import { isId } from '../domain/identifiers';

/**
 * The one definition of an open invitation, shared by the page that shows it and the UPDATE that
 * accepts it: the member is Invited, the token's issue (nonce) is the member's current one, the token
 * was minted for the member's current address, and the issue has not expired. A revoked or removed
 * member, a re-issued invitation (new nonce, SCIM address change or resend) and a used one all fail
 * the same test. `$1`..`$5` are organizationId, memberId, nonce, email, now.
 */
const OPEN_INVITATION = `
      m.organization_id = $1 AND m.id = $2
  AND m.status = '${MemberStatus.invited}'
  AND m.invitation_nonce = $3
  AND m.email = $4
  AND m.invitation_expires_at > $5`;

export interface OpenInvitation {
  organizationName: string;
  email: string;
}

export interface AcceptedMember {
  id: string;
  userName: string;
  displayName: string | null;
  email: string;
}

@Injectable()
export class InvitationsRepository {
  async findOpen(
    db: EntityManager,
    claim: InvitationClaimRequest,
    now: Date,
  ): Promise<OpenInvitation | null> {
    if (!isId(claim.organizationId) || !isId(claim.memberId)) return null;
    const rows = await db.query<{ organization_name: string; email: string }[]>(
      `SELECT o.name AS organization_name, m.email
         FROM members m JOIN organizations o ON o.id = m.organization_id
        WHERE ${OPEN_INVITATION}`,
      claimParameters(claim, now),
    );
    return rows[0] ? { organizationName: rows[0].organization_name, email: rows[0].email } : null;
  }

  /**
   * Accepts an open invitation in one statement, so it works exactly once: of two concurrent
   * submissions, the second waits for the first's row lock, re-checks `status = 'invited'` and
   * matches nothing. The invitation is spent (nonce cleared) and the version bumped (a new ETag).
   */
  async accept(
    tx: EntityManager,
    claim: InvitationClaimRequest,
    status: MemberStatus,
    now: Date,
  ): Promise<AcceptedMember | null> {
    if (!isId(claim.organizationId) || !isId(claim.memberId)) return null;
    const [rows] = await tx.query<
      [{ id: string; user_name: string; display_name: string | null; email: string }[], number]
    >(
      `UPDATE members m
          SET status = $6, invitation_nonce = NULL, invitation_issued_at = NULL, invitation_expires_at = NULL,
              version = m.version + 1, updated_at = $5
        WHERE ${OPEN_INVITATION}
       RETURNING m.id, m.user_name, m.display_name, m.email`,
      [...claimParameters(claim, now), status],
    );
    const row = rows[0];
    return row
      ? { id: row.id, userName: row.user_name, displayName: row.display_name, email: row.email }
      : null;
  }
}

function claimParameters(claim: InvitationClaimRequest, now: Date): unknown[] {
  return [claim.organizationId, claim.memberId, claim.nonce, claim.email, now];
}
