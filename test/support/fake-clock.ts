import { Clock } from '@app/common/clock';

/** A clock the test sets by hand; until set it follows real time. */
export class FakeClock extends Clock {
  private fixed?: Date;

  set(instant: string | Date): void {
    this.fixed = new Date(instant);
  }

  override now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }
}
