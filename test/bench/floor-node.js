'use strict';
// The floor: the least an n8n node can do for the same import, run through the same engine. It
// reads the same mapped values per item (Map Automatically: the item's own fields), returns one
// paired result item per input with the fields the real node's output has, and POSTs the same
// rows, serialised before the run (`prepare`): no checks, no row building, no serialising, no
// retries, no lost-answer handling. What the node costs above this is what its own work costs.
const { NodeConnectionTypes } = require('n8n-workflow');

/** The run's upload bodies and columns, set before the measured run. */
const FLOOR = { bodies: [], columns: [], fields: {}, contentType: '' };

function prepare(settings) {
	Object.assign(FLOOR, settings);
}

class EloquaFloor {
	description = {
		displayName: 'Eloqua Floor',
		name: 'eloquaFloor',
		group: ['output'],
		version: 1,
		description: 'The least a node can do for an Eloqua import',
		defaults: { name: 'Eloqua Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'eloquaApi', required: true }],
		properties: [],
	};

	async execute() {
		const items = this.getInputData();
		const { columns } = FLOOR;
		const ids = new Array(items.length);
		let filled = 0;
		for (let i = 0; i < items.length; i++) {
			const values = items[i].json;
			for (let c = 0; c < columns.length; c++) if (values[columns[c]] !== '') filled++;
			ids[i] = values.OpportunityID;
		}
		if (filled === 0) throw new Error('the floor read no values');

		const credentials = await this.getCredentials('eloquaApi');
		const user = `${credentials.siteName}\\${credentials.username}:${credentials.password}`;
		const authorization = `Basic ${Buffer.from(user).toString('base64')}`;
		const call = async (method, url, body, contentType) =>
			await this.helpers.httpRequest({
				method,
				url,
				body,
				json: true,
				headers: { authorization, ...(contentType ? { 'Content-Type': contentType } : {}) },
			});
		const base = `${(await call('GET', `${credentials.loginUrl}/id`)).urls.base}/api/bulk/2.0`;
		const definition = await call('POST', `${base}/opportunities/imports`, {
			name: `floor ${Date.now()}`,
			fields: FLOOR.fields,
			identifierFieldName: 'OpportunityID',
			isSyncTriggeredOnImport: false,
		});
		for (const body of FLOOR.bodies)
			await call('POST', `${base}${definition.uri}/data`, body, FLOOR.contentType);
		let sync = await call('POST', `${base}/syncs`, { syncedInstanceUri: definition.uri });
		while (!['success', 'warning', 'error'].includes(sync.status)) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			sync = await call('GET', `${base}${sync.uri}`);
		}
		// Read as the node reads it; its items show only the summary (the log is an option, off).
		await call('GET', `${base}${sync.uri}/logs?limit=1000&offset=0`);
		await call('DELETE', `${base}${definition.uri}`);

		// One summary per sync, shared by its items, as the node's output has it.
		const summary = { uri: sync.uri, status: sync.status, rows: items.length, rejectedRows: 0 };
		const out = new Array(items.length);
		for (let i = 0; i < items.length; i++)
			out[i] = {
				json: {
					status: 'imported',
					dealKey: ids[i],
					opportunityId: ids[i],
					importDefinitionUri: definition.uri,
					syncUri: sync.uri,
					sync: summary,
				},
				pairedItem: { item: i },
			};
		return [out];
	}
}

module.exports = { EloquaFloor, prepare };
