import { AppError } from '@app/errors/app-error';

export const FrontPageErrors = {
  bannerNotFound: (id: number) => AppError.notFound(`Banner ${id} does not exist`),
  unknownProducts: (ids: number[]) =>
    AppError.validation('Featured products must exist', ids.map((id) => ({ path: 'productIds', message: `no product ${id}` }))),
};
