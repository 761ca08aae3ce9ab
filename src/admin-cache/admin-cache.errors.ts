import { AppError } from '@app/errors/app-error';

export const AdminCacheErrors = {
  refreshStillRunning: (scope: string) =>
    AppError.conflict('REFRESH_IN_PROGRESS', `A refresh of ${scope} is still running; ask again shortly`),
};
