'use strict';
// The example workflows, started by a Webhook instead of the manual trigger: in queue mode the main
// instance queues production (webhook) executions for the workers, while manual runs stay on the
// main. The "CRM deals" Code node keeps its name (later nodes read it) and returns the posted deals.
const crypto = require('crypto');

const { examples } = require('../n8n/instance');

/** Which examples the scale run fires, by the id the examples carry. */
const KINDS = {
	eloqua: { example: 'EloquaImportDeals', id: 'ScaleEloquaImport', path: 'scale/eloqua-import' },
	pipeline: { example: 'EloquaRulerPipeline', id: 'ScaleEloquaRuler', path: 'scale/eloqua-ruler' },
};

const TRIGGER = 'Deals arrive';
const DEALS_CODE =
	'// The deals the CRM posted to the webhook.\nreturn $input.first().json.body.deals.map((deal) => ({ json: deal }));';

function fromExample(kind) {
	const { example, id, path } = KINDS[kind];
	const found = examples().find(({ workflow }) => workflow.id === example);
	if (!found) throw new Error(`No example workflow with id ${example}`);
	const source = found.workflow;
	const manual = source.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const webhook = {
		id: manual.id,
		name: TRIGGER,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: manual.position,
		webhookId: crypto
			.createHash('sha256')
			.update(id)
			.digest('hex')
			.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5'),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	const nodes = source.nodes.map((node) => {
		if (node === manual) return webhook;
		if (node.name === 'CRM deals')
			return { ...node, parameters: { ...node.parameters, jsCode: DEALS_CODE } };
		return node;
	});
	const connections = Object.fromEntries(
		Object.entries(source.connections).map(([name, value]) => [
			name === manual.name ? TRIGGER : name,
			value,
		]),
	);
	return {
		path,
		workflow: {
			id,
			name: `${source.name} (webhook)`,
			nodes,
			connections,
			settings: source.settings,
		},
	};
}

/** Both scale workflows by kind: `{workflow, path}`, `path` being the webhook's. */
function scaleWorkflows() {
	return Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, fromExample(kind)]));
}

module.exports = { scaleWorkflows, TRIGGER };
