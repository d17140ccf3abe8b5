/** The queue-mode scale suite (`npm run test:scale`); not part of `npm test`. */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/scale'],
	testMatch: ['**/*.scale.js'],
	globalSetup: '<rootDir>/test/scale/global-setup.js',
	globalTeardown: '<rootDir>/test/scale/global-teardown.js',
	maxWorkers: 1,
	testTimeout: 120000,
	slowTestThreshold: 300,
};
