import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';

import { ListPump } from '@app/queue/list-pump';
import { QueueNames } from '@app/queue/queue-names';

import { decodeGrab, RedPacketStore } from './red-packet-store';
import { RECORD_GRAB_JOB } from './red-packet.service';

/** Connects each packet's intake list (filled by the grab script) to the red-packet queue. */
@Injectable()
export class RedPacketIntake implements OnModuleInit {
  constructor(
    private readonly pump: ListPump,
    private readonly store: RedPacketStore,
    @InjectQueue(QueueNames.redPackets) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.pump.register({
      name: 'red-packet',
      queue: this.queue,
      registryKey: this.store.registryKey,
      intakeKey: (packetId) => this.store.packetKey(packetId, 'intake'),
      inFlightKey: (packetId) => this.store.packetKey(packetId, 'inflight'),
      toJob: (packetId, entry) => {
        const grab = decodeGrab(Number(packetId), entry);
        return { name: RECORD_GRAB_JOB, data: grab, jobId: `grab-${grab.packetId}-${grab.userId}` };
      },
      isRetired: (packetId) => this.store.isClosed(Number(packetId)),
    });
  }
}
