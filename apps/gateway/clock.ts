import { Injectable } from '@nestjs/common';

/** The gateway's one clock; tests replace it to move time (STYLE: one clock, injectable). */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
