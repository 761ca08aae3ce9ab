import { buildCategoryTree } from './category-tree';

describe(buildCategoryTree.name, () => {
  const row = (id: number, parentId: number | null, position = 0) => ({ id, parentId, name: `c${id}`, slug: `c${id}`, position });

  it('nests children under parents and keeps the given order', () => {
    const tree = buildCategoryTree([row(1, null), row(3, 1), row(2, 1), row(4, null), row(5, 3)]);

    expect(tree.map((node) => node.id)).toEqual([1, 4]);
    expect(tree[0].children.map((node) => node.id)).toEqual([3, 2]);
    expect(tree[0].children[0].children.map((node) => node.id)).toEqual([5]);
  });

  it('keeps a row whose parent is missing, as a root', () => {
    expect(buildCategoryTree([row(7, 99)]).map((node) => node.id)).toEqual([7]);
  });
});
