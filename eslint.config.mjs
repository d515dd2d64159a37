// Lint rules for Dossier. The one that matters most: src/core stays pure, so it runs in the
// extension host, the CLI and a browser alike.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map(m => `node:${m}`)];

export default tseslint.config(
  // every TypeScript and JavaScript file of the repository: extension, CLI, tests, test harness, bench, scripts
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'media/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // the build, the test harness and the scripts are CommonJS run by Node
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is pure: no vscode. Put editor code in a feature adapter.' },
            ...nodeBuiltins.map(name => ({ name, message: 'src/core is pure: no node built-ins. Pass data in from the adapter or CLI.' })),
          ],
        },
      ],
    },
  },
);
