import type { Category } from '../model/catalogue.ts';
import type { Diagnostic } from './diagnostic.ts';
import { checkSchema } from './schema-check.ts';
import { checkSchemaLine } from './schema-line.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

export type CategoriesLoad = { categories: Category[]; source?: YamlSource; diagnostics: Diagnostic[] };

/** Loads catalog/categories.yaml: the purpose categories a case may carry, in document order. */
export function loadCategories(root: string, file: string, text: string): CategoriesLoad {
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) return { categories: [], diagnostics: parsed.diagnostics };
  const source = parsed.source;
  const diagnostics = [
    ...checkSchemaLine(root, file, text, 'categories'),
    ...checkSchema('categories', source, () => []),
  ];
  if (diagnostics.length > 0) return { categories: [], source, diagnostics };
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
