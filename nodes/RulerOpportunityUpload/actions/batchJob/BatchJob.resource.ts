import type { INodeProperties } from 'n8n-workflow';

import { jobIdProperty, siteIdProperty } from '../common/batchJob.properties';
import * as get from './get.operation';
import * as getFailures from './getFailures.operation';
import * as getMany from './getMany.operation';

export const operations = { get, getFailures, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batchJob'] } },
		options: [
			{
				name: 'Get Failures',
				value: 'getFailures',
				description: 'Get the rows of a batch job that Ruler could not store, with the reason',
				action: 'Get the failures of a batch job',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the site's batch jobs",
				action: 'Get many batch jobs',
			},
			{
				name: 'Get Status',
				value: 'get',
				description: 'Get the status and progress of a batch job',
				action: 'Get the status of a batch job',
			},
		],
		default: 'get',
	},
	siteIdProperty,
	jobIdProperty,
	...get.description,
	...getFailures.description,
	...getMany.description,
];
