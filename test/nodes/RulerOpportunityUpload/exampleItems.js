'use strict';
// The items an example's Code node gives, computed by running its code as n8n's Code node would
// (it only builds literals), so that a test of the example feeds its node what the example does.
const vm = require('vm');

function codeNodeItems(workflow, nodeName) {
	const node = workflow.nodes.find((n) => n.name === nodeName);
	const items = vm.runInNewContext(`(() => {\n${node.parameters.jsCode}\n})()`, {});
	return items.map((item) => JSON.parse(JSON.stringify(item.json)));
}

module.exports = { codeNodeItems };
