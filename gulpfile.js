const path = require('path');
const { task, src, dest } = require('gulp');

// tsc only emits JavaScript; n8n also needs each node's and credential's icons beside the compiled files.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist')));
}

task('build:icons', copyIcons);
