import { Injectable } from '@nestjs/common';
import {
  MembershipPatterns,
  type OrganizationRef,
  type RotateScimKeyRequest,
  type ScimKeyRecord,
  type ScimKeyRef,
  type ScimKeyRotation,
} from '@roster/contracts';
import { Clock } from '../clock';
import { MembershipClient } from '../membership/membership.client';
import { ScimCredentialsCache } from '../scim/auth/scim-credentials.cache';
import { generateScimKey } from '../scim/auth/scim-key';
import type { RotatedScimKeyView, ScimKeyListView, ScimKeyState, ScimKeyView } from './dto/scim-key.dto';

/**
 * SCIM keys after issue (SPEC §1): list, rotate with an overlap window, revoke. Like issue, a rotation
 * mints the key here so only its digest reaches membership. Every change drops this replica's cached
 * credentials, so a revoked key fails here at once (other replicas: within CREDENTIALS_CACHE_MS).
 */
@Injectable()
export class ScimKeysService {
  constructor(
    private readonly membership: MembershipClient,
    private readonly credentials: ScimCredentialsCache,
    private readonly clock: Clock,
  ) {}

  async list(organizationId: string): Promise<ScimKeyListView> {
    const request: OrganizationRef = { organizationId };
    const keys = await this.membership.send<ScimKeyRecord[]>(MembershipPatterns.scimKeysList, request);
    return { keys: keys.map((key) => this.view(key)) };
  }

  async rotate(organizationId: string, keyId: string, overlapHours?: number): Promise<RotatedScimKeyView> {
    const { key, displayPrefix, digest } = generateScimKey();
    const request: RotateScimKeyRequest = {
      organizationId,
      keyId,
      displayPrefix,
      digest,
      ...(overlapHours === undefined ? {} : { overlapHours }),
    };
    try {
      const rotation = await this.membership.send<ScimKeyRotation>(
        MembershipPatterns.scimKeysRotate,
        request,
      );
      return {
        id: rotation.key.id,
        key,
        displayPrefix: rotation.key.displayPrefix,
        createdAt: rotation.key.createdAt,
        previousKey: this.view(rotation.previous),
      };
    } finally {
      // Also after a timeout: the rotation may have happened.
      this.credentials.invalidate(organizationId);
    }
  }

  async revoke(organizationId: string, keyId: string): Promise<ScimKeyView> {
    const request: ScimKeyRef = { organizationId, keyId };
    try {
      return this.view(await this.membership.send<ScimKeyRecord>(MembershipPatterns.scimKeysRevoke, request));
    } finally {
      this.credentials.invalidate(organizationId);
    }
  }

  private view(record: ScimKeyRecord): ScimKeyView {
    return {
      id: record.id,
      displayPrefix: record.displayPrefix,
      state: this.stateOf(record),
      createdAt: record.createdAt,
      lastUsedAt: record.lastUsedAt,
      expiresAt: record.expiresAt,
      revokedAt: record.revokedAt,
    };
  }

  private stateOf(record: ScimKeyRecord): ScimKeyState {
    if (record.revokedAt) return 'revoked';
    if (record.expiresAt === null) return 'active';
    return Date.parse(record.expiresAt) > this.clock.now() ? 'expiring' : 'expired';
  }
}
