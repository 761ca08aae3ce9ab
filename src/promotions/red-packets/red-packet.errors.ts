import { HttpStatus } from '@nestjs/common';

import { AppError } from '@app/errors/app-error';

export const RedPacketErrors = {
  notFound: (packetId: number) => new AppError('RED_PACKET_NOT_FOUND', HttpStatus.NOT_FOUND, `Red packet ${packetId} does not exist`),
  empty: () => AppError.conflict('RED_PACKET_EMPTY', 'Every share of this red packet is taken'),
  alreadyGrabbed: (amountCents: number) =>
    AppError.conflict('ALREADY_GRABBED', 'You already grabbed a share of this red packet', { amountCents }),
  expired: () => AppError.conflict('RED_PACKET_EXPIRED', 'This red packet has expired'),
  insufficientBalance: (totalCents: number) =>
    AppError.conflict('INSUFFICIENT_BALANCE', `Your wallet holds less than the ${totalCents} cents this red packet needs`),
};
