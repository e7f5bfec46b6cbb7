// `npm run test:faults` (scripts/test-faults.mjs): the fault-injection tests under test/faults/, which
// start Roster's built apps and their own PostgreSQL, Redis and NATS as processes and kill them.
// Their files are named *.faults-spec.ts so the projects of jest.config.js (npm test) never match them;
// the transform and module aliases are the same as there.
const { projects } = require('./jest.config.js');
const { transform, moduleFileExtensions, moduleNameMapper, modulePathIgnorePatterns } = projects[0];

module.exports = {
  displayName: 'faults',
  rootDir: __dirname,
  transform,
  moduleFileExtensions,
  moduleNameMapper,
  modulePathIgnorePatterns,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
};
