/** Imports point inward: functions → src/adapters → src/app → src/domain. src/local is a leaf. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing but itself, zod and pure node built-ins.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '(^|/)node_modules/zod/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-no-io-builtins',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|net|http|https|child_process|dgram|dns|tls|worker_threads)$',
      },
    },
    {
      name: 'app-depends-on-domain-only',
      comment: 'src/app sees the domain and its own ports; never an SDK or an adapter.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: ['^src/app/', '^src/domain/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'adapters-point-inward',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: ['^functions/', '^src/local/', '^cdk/', '^src/config\\.ts$'] },
    },
    {
      name: 'nothing-imports-local',
      comment: 'No Lambda bundle may contain the emulator, dynalite or the stand-ins.',
      severity: 'error',
      from: { path: ['^functions/', '^src/(domain|app|adapters)/', '^cdk/'] },
      to: { path: ['^src/local/', '(^|/)node_modules/(dynalite|graphql)/'] },
    },
    {
      name: 'config-read-by-composition-roots-only',
      severity: 'error',
      from: { pathNot: ['^functions/', '^src/local/', '^src/config\\.ts$'] },
      to: { path: '^src/config\\.ts$' },
    },
    {
      name: 'ax-client-only-in-arize-adapter',
      severity: 'error',
      from: { pathNot: '^src/adapters/arize/' },
      to: { path: '(^|/)node_modules/@arizeai/ax-client/' },
    },
    {
      name: 'no-circular',
      comment: 'Type-only imports vanish at build time, so only value cycles count.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^test/', '^cdk\\.out/', '^node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
