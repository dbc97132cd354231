// Bundles the host and the libraries it uses into one file; node_modules stay external
// (better-sqlite3 is native). tsc (not swc) keeps decorator metadata for Nest and TypeORM.
// A second entry bundles the e-certificate verification worker beside main.js, where the
// worker pool looks for it (ecert-verify.worker.js); without it batches verify on the main thread.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/ecert-api'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [{ entryName: 'ecert-verify.worker', entryPath: '../../libs/ecert/src/verify-certificate/verify.worker.ts' }],
      tsConfig: './tsconfig.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
