import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { importParameters, opportunity, runEloqua, useEloquaSandbox } from '../harness/eloqua';
import { deal, runRuler, uploadParameters, useRulerSandbox } from '../harness/ruler';
import type { RecordedRequest } from '../sandbox/kit';
import { errorOf } from '../harness/engine';

/** IDs and URIs built to leave their place in a request path. */
const HOSTILE = [
	'../../syncs/1',
	'1/../../x',
	'1%2F..%2Fx',
	'%2e%2e',
	'1?x=1',
	'1#x',
	'/opportunities/imports/1/../../x',
	'/syncs/1?limit=1',
	'/syncs/1#a',
	'1 2',
	'１２',
	'-1',
	'1.5',
	'0x1A',
	'/opportunities/imports/1/data',
	'//evil.example/1',
	'https://evil.example/syncs/1',
	'\\..\\1',
	'1\n2',
	'',
];

/** Every request path the Eloqua node may use: nothing an ID could add or change. */
const ELOQUA_PATHS =
	/^\/(id|pod\d+\/api\/bulk\/2\.0\/(opportunities\/fields|opportunities\/(contacts\/)?imports(\/\d+(\/data)?)?|syncs(\/\d+(\/logs|\/rejects)?)?))$/;
const PAGING = new Set(['limit', 'offset']);

const strayRequests = (requests: RecordedRequest[], allowed: RegExp) =>
	requests
		.filter((r) => !allowed.test(r.path) || Object.keys(r.query).some((key) => !PAGING.has(key)))
		.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`);

const someIds = fc.array(
	fc.oneof(
		fc.constantFrom(...HOSTILE),
		fc.string({ unit: 'binary', maxLength: 12 }),
		fc.stringMatching(/^[0-9./%?#a-z]{1,10}$/),
	),
	{ minLength: 1, maxLength: 12 },
);

describe('IDs and URIs cannot alter Eloqua request paths', () => {
	const env = useEloquaSandbox();
	const byId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

	// Every operation that takes an ID or a URI, with the ID from each item.
	const operations: Array<[string, IDataObject]> = [
		[
			'Import Definition → Get',
			{
				resource: 'importDefinition',
				operation: 'get',
				definitionType: 'opportunity',
				definitionId: byId,
			},
		],
		[
			'Import Definition → Delete',
			{
				resource: 'importDefinition',
				operation: 'delete',
				definitionType: 'contactLink',
				definitionId: byId,
			},
		],
		[
			'Import Definition → Clear Staged Data',
			{
				resource: 'importDefinition',
				operation: 'clearStagedData',
				definitionType: 'opportunity',
				definitionId: { __rl: true, mode: 'uri', value: '={{ $json.id }}' },
			},
		],
		[
			'Sync → Start',
			{
				resource: 'sync',
				operation: 'start',
				definitionType: 'opportunity',
				definitionId: { __rl: true, mode: 'list', value: '={{ $json.id }}' },
			},
		],
		[
			'Sync → Get Status',
			{ resource: 'sync', operation: 'get', syncUri: '={{ $json.id }}', options: {} },
		],
		['Sync → Get Logs', { resource: 'sync', operation: 'getLogs', syncUri: '={{ $json.id }}' }],
		[
			'Sync → Get Rejects',
			{ resource: 'sync', operation: 'getRejects', syncUri: '={{ $json.id }}', returnAll: true },
		],
	];

	it.each(operations)(
		'%s: every hostile ID is refused per item, and no request leaves the known paths',
		async (_name, parameters) => {
			await fc.assert(
				fc.asyncProperty(someIds, async (ids) => {
					env.sandbox.reset();
					const run = await runEloqua(
						env.sandbox,
						parameters,
						ids.map((id) => ({ id })),
						{ onError: 'continueRegularOutput' },
					);
					expect(run.error).toBeUndefined();
					expect(strayRequests(env.sandbox.requests, ELOQUA_PATHS)).toEqual([]);
					// A refused ID is named in its item's error; only plain numbers and well-formed URIs are used.
					ids.forEach((id, i) => {
						const usable =
							/^\s*\d+\s*$/.test(id) ||
							/^\/(opportunities\/(contacts\/)?imports|syncs)\/\d+$/.test(id.trim());
						const failures = run.main.filter(
							(item) =>
								(item.pairedItem as { item: number }).item === i &&
								typeof item.json.error === 'object',
						);
						if (!usable) expect(failures.length).toBe(1);
					});
				}),
				{ numRuns: 6, seed: 11 },
			);
		},
	);

	it.each(HOSTILE)(
		'Opportunity → Import into an existing definition %j: refused before anything is sent',
		async (id) => {
			// From an expression: n8n itself refuses such an ID typed in by hand.
			const parameters = importParameters({
				definitionMode: 'existing',
				importDefinitionId: { __rl: true, mode: 'id', value: '={{ $json.definition }}' },
			});
			const run = await runEloqua(env.sandbox, parameters, [opportunity(1, { definition: id })], {
				onError: 'continueRegularOutput',
			});
			expect(run.main.map((item) => [errorOf(item).status, errorOf(item).message])).toEqual([
				['failed', expect.stringMatching(/^Item 0: ".*" is not a valid imports URI or ID$/s)],
			]);
			expect(env.sandbox.requests).toEqual([]);
		},
	);

	it.each([
		[
			'a definition',
			{
				method: 'POST',
				path: '/pod1/api/bulk/2.0/opportunities/imports',
				status: 201,
				body: { uri: '/opportunities/imports/1/../../../accounts/imports/2', fields: {} },
			},
		],
		[
			'a sync',
			{
				method: 'POST',
				path: '/pod1/api/bulk/2.0/syncs',
				status: 201,
				body: { uri: '/syncs/1?limit=1000000', status: 'pending' },
			},
		],
	])(
		'a URI in an answer from Eloqua (%s) is checked before it is used in a path',
		async (_name, fault) => {
			env.sandbox.faults.add(fault);
			const run = await runEloqua(env.sandbox, importParameters(), [opportunity(1)], {
				onError: 'continueRegularOutput',
			});
			expect(String(errorOf(run.main[0]).message)).toMatch(
				/is not a valid (imports|syncs) URI or ID/,
			);
			expect(strayRequests(env.sandbox.requests, ELOQUA_PATHS)).toEqual([]);
		},
	);
});

describe('site IDs cannot alter Ruler request paths', () => {
	const env = useRulerSandbox();
	const UPLOAD = /^\/v1\/[A-Za-z0-9_-]+\/opportunity\/upload$/;

	it('sends every item with a usable site ID to its own upload address, and refuses the others before sending', async () => {
		await fc.assert(
			fc.asyncProperty(someIds, async (siteIds) => {
				env.sandbox.reset();
				const run = await runRuler(
					env.sandbox,
					uploadParameters(),
					siteIds.map((siteId, i) => deal(`P-${i}`, { siteId })),
					{ onError: 'continueRegularOutput' },
				);
				expect(run.error).toBeUndefined();
				const puts = env.sandbox.requestsTo('/v1/', 'PUT');
				expect(strayRequests(puts, UPLOAD)).toEqual([]);
				siteIds.forEach((siteId, i) => {
					const usable = /^[A-Za-z0-9_-]+$/.test(siteId.trim());
					const sentTo = puts
						.filter((r) => JSON.parse(r.body ?? '{}').Reference === `P-${i}`)
						.map((r) => r.path);
					expect(sentTo).toEqual(usable ? [`/v1/${siteId.trim()}/opportunity/upload`] : []);
				});
			}),
			{ numRuns: 10, seed: 11 },
		);
	});
});
