import { NotFoundException, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** A member id from the path: a UUID (lower-cased) or, since no such member can exist, 404. */
export class MemberIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !isUUID(value)) throw new NotFoundException('Member not found.');
    return value.toLowerCase();
  }
}
