/** A product as every answer carries it, from Redis or PostgreSQL alike (JSON-safe: no Date). */
export interface Product {
  id: number;
  categoryId: number;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  images: string[];
  onSale: boolean;
}

export interface ProductSummary {
  id: number;
  name: string;
  priceCents: number;
  image: string | null;
  inStock: boolean;
}

export interface Category {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  position: number;
}

export interface CategoryPage {
  categoryId: number;
  page: number;
  pageSize: number;
  items: ProductSummary[];
  hasMore: boolean;
}

export interface StockRequest {
  productId: number;
  quantity: number;
}

/** Stock taken for one product, at the price it had when it was taken. */
export interface TakenStock extends StockRequest {
  unitPriceCents: number;
}
