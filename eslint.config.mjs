// ESLint (flat config): the JavaScript and typescript-eslint recommended rules that need no type
// information (so `npm run lint` stays a few seconds), Prettier owning the layout
// (eslint-config-prettier turns the formatting rules off), and the layer arrows of the design
// (scripts/eslint-layers.mjs; CONTRIBUTING.md "Layers and lint").
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import layers from './scripts/eslint-layers.mjs';

// `npm run lint` caches results per file and config; the rule's own source is part of the config so an
// edit to it (or to package.json's entry points, which it reads) re-lints every file.
const LAYERS_SOURCE = createHash('sha256')
  .update(readFileSync(new URL('./scripts/eslint-layers.mjs', import.meta.url)))
  .update(readFileSync(new URL('./package.json', import.meta.url)))
  .digest('hex');

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'lib/',
      'dist/',
      'docs/api/',
      'reports/',
      'coverage/',
      '.stryker-tmp/',
      'test/golden/dist/',
      'policy/node_modules/',
      'examples/**/node_modules/',
      'examples/**/lib/',
      'templates/**/lib/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        structuredClone: 'readonly',
      },
    },
  },
  {
    files: ['**/*.{js,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      // `_`-named bindings are deliberately unused (a rest sibling that drops a field, a skipped parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests walk synthesized manifests and schemas as untyped JSON; the product code keeps the rule.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    plugins: { layers },
    settings: { layersSource: LAYERS_SOURCE },
    rules: { 'layers/imports': 'error', 'layers/no-cycles': 'error' },
  },
);
