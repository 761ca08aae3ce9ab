import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';

import { AppConfig } from '@app/config/app-config';
import { QueueNames } from '@app/queue/queue-names';
import { RoleAwareWorkerHost } from '@app/queue/role-aware-worker-host';

import { EXPIRE_PACKET_JOB, RECORD_GRAB_JOB, RedPacketService } from './red-packet.service';

type GrabJob = Job<{ packetId: number; userId: number; amountCents: number }, void, typeof RECORD_GRAB_JOB>;
type ExpireJob = Job<{ packetId: number }, void, typeof EXPIRE_PACKET_JOB>;

/** Records grabs (job id per packet and user) and expires packets; both idempotent. */
@Processor(QueueNames.redPackets, { autorun: false })
export class RedPacketProcessor extends RoleAwareWorkerHost {
  constructor(
    private readonly packets: RedPacketService,
    config: AppConfig,
  ) {
    super(config, config.redPacket.workerConcurrency);
  }

  async process(job: GrabJob | ExpireJob): Promise<void> {
    if (job.name === RECORD_GRAB_JOB) {
      const { packetId, userId, amountCents } = job.data;
      await this.packets.recordGrab(packetId, userId, amountCents);
    } else {
      await this.packets.expire(job.data.packetId);
    }
  }
}
