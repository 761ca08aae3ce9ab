import { Injectable } from '@nestjs/common';

/** The current instant. Injected so that tests can drive business-day boundaries. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
