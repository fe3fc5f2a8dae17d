// @ts-check
'use strict';
// n8n loads one class per file, named as the file: the floor of the VmwareVcenter node (see floor.js).
const { floorOf } = require('./floor');

module.exports = { FloorVmwareVcenter: floorOf('VmwareVcenter/VmwareVcenter', 'VmwareVcenter') };
