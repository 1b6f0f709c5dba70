// Runs before `npm start` and `npm test`. Without the pinned Node binary (an
// install with --ignore-scripts, or one that failed) npm falls back to the
// system's Node, which may lack node:sqlite and type stripping.
const [major, minor] = process.versions.node.split('.').map(Number);

if (major < 24 || (major === 24 && minor < 15)) {
  console.error(
    `Futura needs Node 24.15 or newer, but this is Node ${process.versions.node}. ` +
      'Run `npm install` (without --ignore-scripts) so the pinned Node in node_modules/.bin is used.',
  );
  process.exit(1);
}
