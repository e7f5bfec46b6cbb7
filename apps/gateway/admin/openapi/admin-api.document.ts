import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AdminModule } from '../admin.module';
import { ADMIN_BEARER } from './admin-api.docs';

export const ADMIN_API_DOCS_PATH = 'api/docs';
export const ADMIN_API_DOCUMENT_PATH = 'api/docs/openapi.json';

/** The admin API's OpenAPI document: AdminModule's `/api` routes only, never SCIM or health. */
export function adminApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Roster admin API')
    .setDescription(
      'Organizations, SCIM settings and keys, members and the provisioning log of a Roster deployment. ' +
        'Every operation needs `Authorization: Bearer <ADMIN_TOKEN>`.',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'The deployment ADMIN_TOKEN.' },
      ADMIN_BEARER,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { include: [AdminModule] });
  // Admin pages (HTML) that may live in the same module are not part of the JSON API.
  document.paths = Object.fromEntries(
    Object.entries(document.paths).filter(([path]) => path.startsWith('/api/')),
  );
  return document;
}

/**
 * Serves the document at `/api/docs/openapi.json` and Swagger UI at `/api/docs`, from the
 * swagger-ui-dist files installed with @nestjs/swagger: it works offline, without a CDN. Both are
 * public, like any API reference: calling an operation still needs the admin token.
 */
export function serveAdminApiDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup(ADMIN_API_DOCS_PATH, app, () => adminApiDocument(app), {
    jsonDocumentUrl: ADMIN_API_DOCUMENT_PATH,
    raw: ['json'],
    customSiteTitle: 'Roster admin API',
    swaggerOptions: { persistAuthorization: false },
  });
}
