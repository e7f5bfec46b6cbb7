import { Body, Controller, Get, HttpCode, Param, Post, UseGuards, UsePipes } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { adminValidationPipe, OrganizationIdPipe } from './admin-request.pipes';
import { RotatedScimKeyView, RotateScimKeyDto, ScimKeyListView, ScimKeyView } from './dto/scim-key.dto';
import { AdminApiController, AdminOperation } from './openapi/admin-api.docs';
import { ScimKeyIdPipe } from './scim-key-id.pipe';
import { ScimKeysService } from './scim-keys.service';

/** SCIM API keys after issue (SPEC §1): list, rotate with an overlap window, revoke. */
@Controller('api/organizations/:id/scim/keys')
@UseGuards(AdminAuthGuard)
@UsePipes(adminValidationPipe)
@AdminApiController('scim keys')
export class ScimKeysController {
  constructor(private readonly keys: ScimKeysService) {}

  @Get()
  @AdminOperation({ summary: 'List SCIM API keys (never the secret)', ok: ScimKeyListView, errors: ['404'] })
  list(@Param('id', OrganizationIdPipe) id: string) {
    return this.keys.list(id);
  }

  @Post(':keyId/rotate')
  @AdminOperation({
    summary: 'Rotate a key: a new key now, the old one until the overlap ends',
    description: 'The new key is in this response only. overlapHours 0 ends the old key at once.',
    created: RotatedScimKeyView,
    errors: ['400', '404'],
  })
  rotate(
    @Param('id', OrganizationIdPipe) id: string,
    @Param('keyId', ScimKeyIdPipe) keyId: string,
    @Body() body: RotateScimKeyDto,
  ) {
    return this.keys.rotate(id, keyId, body.overlapHours);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @AdminOperation({ summary: 'Revoke a key at once', ok: ScimKeyView, errors: ['404'] })
  revoke(@Param('id', OrganizationIdPipe) id: string, @Param('keyId', ScimKeyIdPipe) keyId: string) {
    return this.keys.revoke(id, keyId);
  }
}
