import { NotFoundException, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** A key id from the path: a UUID (lower-cased) or, since no such key can exist, 404. */
export class ScimKeyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !isUUID(value)) throw new NotFoundException('SCIM API key not found.');
    return value.toLowerCase();
  }
}
