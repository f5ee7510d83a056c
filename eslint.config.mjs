// Invariants that reviews would otherwise have to catch: no floating promises, exhaustive switches,
// no process.env outside the config lib, libs only through their index.ts, engines free of Nest.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LIB_DEEP_IMPORT = {
  group: ['@anxin/*/*', '**/libs/*/src/**', '../../libs/**', '../../../libs/**'],
  message: 'Import a lib only through its index.ts (@anxin/<lib>).',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'node_modules/**',
      'coverage/**',
      'apps/console/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-imports': ['error', { patterns: [LIB_DEEP_IMPORT] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through AppConfig (libs/common config), never process.env.',
        },
        {
          selector: "CallExpression[callee.name='forwardRef']",
          message: 'No forwardRef: a cycle means a missing event or port.',
        },
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
      ],
    },
  },
  {
    // Engines are plain TypeScript: no Nest, no TypeORM.
    files: [
      'libs/*/src/**/*.engine.ts',
      'libs/*/src/**/*.machine.ts',
      'libs/*/src/domain/**/*.ts',
      'libs/knowledge/src/retrieval/**/*.ts',
      'libs/quality/src/engine/**/*.ts',
      'libs/handoff/src/engine/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            LIB_DEEP_IMPORT,
            { group: ['@nestjs/*', 'typeorm'], message: 'Engines stay framework-free.' },
          ],
        },
      ],
    },
  },
  {
    // The config loader is the one place that reads the environment; scripts and tests set it up.
    files: [
      'libs/common/src/config/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
