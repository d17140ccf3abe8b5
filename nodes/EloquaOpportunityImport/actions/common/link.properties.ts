import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { DEFINITION_KINDS, definitionName, type Retention } from '../../helpers/definition';
import type { ImportJob } from '../../helpers/job';
import {
	DEFAULT_LINK_FIELD,
	linkDefinitionBody,
	linkKey,
	type LinkEntity,
	type LinkSettings,
} from '../../helpers/linkage';
import { linkRules } from '../../helpers/linking';
import type { EloquaClient } from '../../transport/client';
import type { JobOptions } from './lifecycle.options';

/** Where each opportunity is linked: entity, matched field, the value per item, and the matching rules. */
export function linkProperties(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Link To',
			name: 'linkTo',
			type: 'options',
			displayOptions: { show },
			options: [
				{
					name: 'Account',
					value: 'Account',
					description:
						'Link each opportunity to the account (company) that matches. Unverified: Oracle does not document the account field statement this sends.',
				},
				{
					name: 'Contact',
					value: 'Contact',
					description: 'Link each opportunity to the contact(s) that match',
				},
			],
			default: 'Contact',
		},
		{
			displayName: 'Contact Field Name or ID',
			name: 'contactField',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getContactFields',
				loadOptionsDependsOn: ['authentication'],
			},
			displayOptions: { show: { ...show, linkTo: ['Contact'] } },
			default: 'C_EmailAddress',
			description:
				'The contact field to match on. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Account Field Name or ID',
			name: 'accountField',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getAccountFields',
				loadOptionsDependsOn: ['authentication'],
			},
			displayOptions: { show: { ...show, linkTo: ['Account'] } },
			default: 'M_CompanyName',
			description:
				'The account field to match on, sent as {{Opportunity.Account.Field(…)}} — a form Oracle does not document (unverified: check a first run\'s links in Eloqua). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Value to Match',
			name: 'linkValue',
			type: 'string',
			required: true,
			displayOptions: { show },
			default: '',
			placeholder: '={{ $json.contactEmail }}',
			description: "Each item's value of that field, e.g. the contact's email address",
		},
		{
			displayName: 'Link Options',
			name: 'linkOptions',
			type: 'collection',
			placeholder: 'Add Link Option',
			displayOptions: { show },
			default: {},
			options: [
				{
					displayName: 'Link All Matches',
					name: 'linkAllMatches',
					type: 'boolean',
					default: true,
					description:
						'Whether to link every contact or account that matches, or none when several match',
				},
				{
					displayName: 'Opportunity ID Is Case-Sensitive',
					name: 'caseSensitiveOpportunityId',
					type: 'boolean',
					default: false,
				},
				{
					displayName: 'Value Is Case-Sensitive',
					name: 'caseSensitiveValue',
					type: 'boolean',
					default: false,
				},
			],
		},
	];
}

export function readLinkSettings(context: IExecuteFunctions): LinkSettings {
	const entity =
		(context.getNodeParameter('linkTo', 0, 'Contact') as LinkEntity) === 'Account'
			? 'Account'
			: 'Contact';
	const field = context.getNodeParameter(
		entity === 'Account' ? 'accountField' : 'contactField',
		0,
		DEFAULT_LINK_FIELD[entity],
	) as string;
	const options = context.getNodeParameter('linkOptions', 0, {}) as IDataObject;
	return {
		entity,
		field: String(field).trim(),
		caseSensitiveOpportunityId: options.caseSensitiveOpportunityId === true,
		caseSensitiveValue: options.caseSensitiveValue === true,
		linkAllMatches: options.linkAllMatches !== false,
	};
}

/** The job of one linkage import, into a definition created for this run. */
export function linkJob(
	context: IExecuteFunctions,
	client: EloquaClient,
	settings: LinkSettings,
	options: JobOptions,
	retention: Retention,
): ImportJob {
	const node = context.getNode();
	const name = definitionName(
		`${context.getWorkflow().name ?? 'workflow'} links`,
		context.getExecutionId(),
	);
	return {
		...options,
		client,
		definition: {
			parent: DEFINITION_KINDS.contactLink.parent,
			body: linkDefinitionBody(node, name, settings, retention),
		},
		rules: linkRules(node, context.getTimezone(), settings),
		key: linkKey(settings),
	};
}
