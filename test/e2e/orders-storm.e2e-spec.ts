import { createProduct, stockOf } from '@test/support/catalog-factories';
import { createUsers } from '@test/support/factories';
import { fireAll, StormResponse } from '@test/support/storm';
import { useTestApp } from '@test/support/test-app';

/** The stock invariant under real concurrency: never oversold, never below zero. */
describe('Order storm', () => {
  const t = useTestApp();

  async function storm(buyers: number, stock: number): Promise<{ responses: StormResponse[]; productId: number }> {
    const product = await createProduct(t, { stock, priceCents: 500 });
    const users = await createUsers(t, buyers);

    const responses = await fireAll(
      t.url,
      users.map((user) => ({
        method: 'POST' as const,
        path: '/v1/orders',
        token: user.token,
        body: { lines: [{ productId: product.id, quantity: 1 }] },
      })),
    );

    return { responses, productId: product.id };
  }

  async function ordersOf(productId: number): Promise<{ orders: number; units: number; buyers: number }> {
    const [row] = await t.db.query(
      `SELECT count(DISTINCT o.id)::int AS orders, coalesce(sum(l.quantity), 0)::int AS units,
              count(DISTINCT o.user_id)::int AS buyers
       FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.product_id = $1`,
      [productId],
    );
    return row;
  }

  it('500 simultaneous orders for a product with 100 in stock give exactly 100 orders and stock 0', async () => {
    const { responses, productId } = await storm(500, 100);

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(100);
    expect(statuses.filter((status) => status === 409)).toHaveLength(400);
    expect(responses.filter((response) => response.status === 409).every((r) => (r.body as { error: string }).error === 'OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(t, productId)).toBe(0);
    expect(await ordersOf(productId)).toEqual({ orders: 100, units: 100, buyers: 100 });
  });

  it('case C08 (ordinary orders): stock 10, 200 different users at once: exactly 10 succeed, stock ends at 0', async () => {
    const { responses, productId } = await storm(200, 10);

    expect(responses.filter((response) => response.status === 201)).toHaveLength(10);
    expect(responses.filter((response) => response.status !== 201 && response.status !== 409)).toEqual([]);
    expect(await stockOf(t, productId)).toBe(0);
    expect(await ordersOf(productId)).toEqual({ orders: 10, units: 10, buyers: 10 });
  });
});
