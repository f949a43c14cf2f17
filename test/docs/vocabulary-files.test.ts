import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vocabularyFiles } from '../../docsgen/vocabulary-files.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

describe('the files generated from the operator and hook tables', () => {
  for (const file of vocabularyFiles(REPO_ROOT)) {
    it(`${file.path} is what the tables generate (run npm run docs when this fails)`, () => {
      assert.equal(file.committed, file.rendered);
    });
  }
});
