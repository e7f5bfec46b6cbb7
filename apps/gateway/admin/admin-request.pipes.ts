import { NotFoundException, ValidationPipe, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** Admin request bodies and queries: DTO-validated, unknown properties refused, every problem listed. */
export const adminValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
});

/** An organization id from the path: a UUID (lower-cased) or, since no such organization can exist, 404. */
export class OrganizationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !isUUID(value)) throw new NotFoundException('Organization not found.');
    return value.toLowerCase();
  }
}
