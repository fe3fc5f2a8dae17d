// Removes dist/ before a build so a renamed or deleted source never ships as a stale .js file.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
