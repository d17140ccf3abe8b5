/** End-to-end suites against real n8n installs (`npm run test:e2e`); not part of `npm test`. */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.js'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	// One n8n at a time: each suite starts its own on the e2e ports.
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 60,
};
