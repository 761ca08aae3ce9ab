import { CategoryRow } from './catalog-snapshot.repository';

export interface CategoryNode {
  id: number;
  name: string;
  slug: string;
  children: CategoryNode[];
}

/**
 * Nests the flat rows (already in display order) under their parents. A row whose parent is
 * missing becomes a root rather than disappearing.
 */
export function buildCategoryTree(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>(
    rows.map((row) => [row.id, { id: row.id, name: row.name, slug: row.slug, children: [] }]),
  );
  const roots: CategoryNode[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id) as CategoryNode;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    (parent ? parent.children : roots).push(node);
  }

  return roots;
}
