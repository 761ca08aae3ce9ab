import { Module } from '@nestjs/common';

import { QueueModule } from '@app/queue/queue.module';
import { UsersModule } from '@app/users/users.module';

import { RedPacketIntake } from './red-packet-intake';
import { RedPacketStore } from './red-packet-store';
import { RedPacketController } from './red-packet.controller';
import { RedPacketProcessor } from './red-packet.processor';
import { RedPacketRepository } from './red-packet.repository';
import { RedPacketService } from './red-packet.service';

/** Red packets: shares split at creation, grabbed in Redis, recorded and credited by a worker. */
@Module({
  imports: [QueueModule, UsersModule],
  controllers: [RedPacketController],
  providers: [RedPacketService, RedPacketRepository, RedPacketStore, RedPacketIntake, RedPacketProcessor],
})
export class RedPacketsModule {}
