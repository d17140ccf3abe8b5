import type { IDataObject } from 'n8n-workflow';

import { runEloqua, type EloquaSandbox } from '../../../../harness/eloqua';

/** The fields of a minimal opportunity import definition. */
export const FIELDS = {
	Id: '{{Opportunity.Id}}',
	Name: '{{Opportunity.Field(Name)}}',
	Stage: '{{Opportunity.Field(Stage)}}',
	Amount: '{{Opportunity.Field(Amount)}}',
};

/** A definition picked by ID in the resource locator. */
export const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

/** Runs one operation of a resource, once per item. */
export const runOperation =
	(sandbox: () => EloquaSandbox, resource: string) =>
	(parameters: IDataObject, items: IDataObject[] = [{}], extra = {}) =>
		runEloqua(sandbox(), { resource, ...parameters }, items, extra);
