const nodeApp = require('../../webpack.shared.js');
module.exports = nodeApp(__dirname, 'corridor', { workers: [nodeApp.ECERT_VERIFY_WORKER] });
