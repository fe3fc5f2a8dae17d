// @ts-check
'use strict';
// n8n loads one class per file, named as the file: the floor of the VeeamEnterpriseManager node (see floor.js).
const { floorOf } = require('./floor');

module.exports = { FloorVeeamEnterpriseManager: floorOf('VeeamEnterpriseManager/VeeamEnterpriseManager', 'VeeamEnterpriseManager') };
