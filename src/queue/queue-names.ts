/** Every BullMQ queue of the app. Registered once in QueueModule; processors live in their domain modules. */
export const QueueNames = {
  /** One job per accepted flash-sale ticket (job id = ticket id): writes its order. */
  flashSaleOrders: 'flash-sale-orders',
  /** Delayed flash-sale jobs: cancel unpaid orders, close a sale at its end. */
  flashSaleTimers: 'flash-sale-timers',
  /** Red-packet grabs to record and credit, and packets to expire. */
  redPackets: 'red-packets',
} as const;

export const ALL_QUEUES = Object.values(QueueNames);
