module.exports = require('../../webpack.shared.js')(__dirname, 'declarations-api');
