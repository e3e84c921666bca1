// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Everything a pure domain module may import besides domain files (relative paths). */
const DOMAIN_ALLOWED = ['zod', 'date-fns', '@date-fns/tz'];
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NOT_ALLOWED_IN_DOMAIN = `^(?!(?:${DOMAIN_ALLOWED.map(escape).join('|')})(?:/|$)|\\.\\.?/)`;

const domainPurity = {
  files: ['src/domain/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: NOT_ALLOWED_IN_DOMAIN,
            message:
              'src/domain is pure: it may import only domain files, zod and date-fns (no frameworks, drivers or Node APIs).',
          },
          {
            // Area folders sit one level below src/domain, so ../../ leaves the domain.
            group: [
              '../../*',
              '**/store/**',
              '**/bot/**',
              '**/jobs/**',
              '**/config.js',
              '**/log.js',
            ],
            message: 'src/domain must not depend on adapters, persistence, jobs or config.',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'process', message: 'src/domain must not read the environment or the process.' },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: 'src/domain must not read the clock: take the instant as an argument.',
      },
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'src/domain must not read the clock: take the instant as an argument.',
      },
    ],
  },
};

/** Adapters, persistence and jobs meet only in main.ts. */
const layer = (folder, forbidden) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((other) => ({
          group: [`**/${other}/**`],
          message: `src/${folder} must not import src/${other}; wire them together in main.ts.`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'dist/**',
      '.bench-build/**',
      'coverage/**',
      'tools/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  domainPurity,
  layer('bot', ['store', 'jobs']),
  // Each chat adapter stands alone (a later move to the Teams SDK touches only bot/teams).
  layer('bot/slack', ['store', 'jobs', 'teams']),
  layer('bot/teams', ['store', 'jobs', 'slack']),
  layer('store', ['bot', 'jobs']),
  layer('jobs', ['bot', 'store']),
);
