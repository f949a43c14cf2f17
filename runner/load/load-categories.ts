import type { Category } from '../../language/model/catalogue.ts';
import type { Diagnostic } from './diagnostic.ts';
import { parseAndValidate } from './validated-yaml.ts';
import type { YamlSource } from './yaml-source.ts';

export type CategoriesLoad = { categories: Category[]; source?: YamlSource; diagnostics: Diagnostic[] };

/** Loads catalog/categories.yaml: the purpose categories a case may carry, in document order. */
export function loadCategories(root: string, file: string, text: string): CategoriesLoad {
  const { source, diagnostics } = parseAndValidate(root, file, text, 'categories');
  if (source === undefined) return { categories: [], diagnostics };
  const categories = (source.data as { categories: Category[] }).categories;
  const seen = new Set<string>();
  categories.forEach((category, index) => {
    if (seen.has(category.name)) {
      diagnostics.push({
        code: 'duplicate-category',
        file,
        ...source.locate(['categories', index, 'name']),
        caseIds: [],
        message: `the category ${category.name} is defined twice`,
        fix: 'remove one of the two definitions',
      });
    }
    seen.add(category.name);
  });
  return { categories, source, diagnostics };
}
