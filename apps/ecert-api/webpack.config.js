const nodeApp = require('../../webpack.shared.js');
module.exports = nodeApp(__dirname, 'ecert-api', { workers: [nodeApp.ECERT_VERIFY_WORKER] });
