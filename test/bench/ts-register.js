'use strict';
// Lets the benchmarks load the node's TypeScript sources and the test harness directly, compiled
// in memory (type checks are the linter's job), so that what is measured is what the tests run.
const fs = require('fs');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2021,
	esModuleInterop: true,
	resolveJsonModule: true,
	sourceMap: false,
};

function compileTypeScript(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
}

// '.ts' must be tried first: `./X.node` names `X.node.ts`, not the codex file `X.node.json`.
const extensions = require.extensions;
const others = { ...extensions };
for (const key of Object.keys(others)) delete extensions[key];
extensions['.ts'] = compileTypeScript;
Object.assign(extensions, others);
