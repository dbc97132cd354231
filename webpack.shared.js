// One webpack shape for every Node host app: bundle the app and the workspace libraries it uses,
// keep node_modules external (better-sqlite3 is native). tsc (not swc) keeps decorator metadata.
// Hosts with the e-certificates context also bundle its verification worker beside main.js,
// where the worker pool looks for it (without it, batches verify on the main thread).
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

module.exports = function nodeApp(appDir, name, { workers = [] } = {}) {
  return {
    output: { path: join(__dirname, 'dist/apps', name), clean: true },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        additionalEntryPoints: workers,
        tsConfig: './tsconfig.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
};

module.exports.ECERT_VERIFY_WORKER = { entryName: 'ecert-verify.worker', entryPath: '../../libs/ecert/src/verify-certificate/verify.worker.ts' };
