// One webpack shape for every Node host app: bundle the app and the workspace libraries it uses,
// keep node_modules external (better-sqlite3 is native). tsc (not swc) keeps decorator metadata.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

module.exports = function nodeApp(appDir, name) {
  return {
    output: { path: join(__dirname, 'dist/apps', name), clean: true },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
};
