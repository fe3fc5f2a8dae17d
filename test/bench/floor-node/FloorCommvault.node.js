// @ts-check
'use strict';
// n8n loads one class per file, named as the file: the floor of the Commvault node (see floor.js).
const { floorOf } = require('./floor');

module.exports = { FloorCommvault: floorOf('Commvault/Commvault', 'Commvault') };
