/** Unit, node (in-process engine) and sandbox tests. End-to-end and bench suites have their own commands. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: [
		'/node_modules/',
		'/dist/',
		'<rootDir>/test/e2e/',
		'<rootDir>/test/bench/',
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	// n8n's user folders live in one temporary folder per run, removed when the run ends.
	globalSetup: '<rootDir>/test/harness/global-setup.js',
	globalTeardown: '<rootDir>/test/harness/global-teardown.js',
	setupFiles: ['<rootDir>/test/harness/setup-env.js'],
	// Prints the counts of the fault-injection and fuzzing suites when they ran.
	reporters: ['default', '<rootDir>/test/reliability/reporter.js'],
	testTimeout: 30000,
};
