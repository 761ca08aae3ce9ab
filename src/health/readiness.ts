import { Injectable } from '@nestjs/common';

/** Whether this replica still wants traffic; it stops wanting it once a shutdown begins. */
@Injectable()
export class Readiness {
  private drainingSince?: Date;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  startDraining(): void {
    this.drainingSince ??= new Date();
  }
}
