import { HttpStatus } from '@nestjs/common';

import { AppError } from '@app/errors/app-error';

export const UserErrors = {
  // The token is valid but its account is gone (deleted after the token was issued).
  accountNotFound: () => new AppError('ACCOUNT_NOT_FOUND', HttpStatus.NOT_FOUND, 'The account no longer exists'),
};
