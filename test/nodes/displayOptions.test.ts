import type { INodeProperties, INodeType } from 'n8n-workflow';

import { EloquaOpportunityImport } from '../../nodes/EloquaOpportunityImport/EloquaOpportunityImport.node';
import { RulerOpportunityUpload } from '../../nodes/RulerOpportunityUpload/RulerOpportunityUpload.node';

/** Every display condition's parameter name, with the parameter that has it. */
function conditions(properties: INodeProperties[]): Array<[string, string]> {
	return properties.flatMap((property) => {
		const { show = {}, hide = {} } = property.displayOptions ?? {};
		return [...Object.keys(show), ...Object.keys(hide)].map((key): [string, string] => [
			property.name,
			key,
		]);
	});
}

describe('display conditions n8n 1.x can order', () => {
	// n8n 1.x (1.123.81) resolves top-level parameters in the order of their display conditions
	// and fails every run of the node ("Could not resolve parameter dependencies") when a condition
	// names no top-level parameter; a nested path must start at the root ('/columns.mappingMode').
	it.each([
		['Eloqua', new EloquaOpportunityImport()],
		['Ruler', new RulerOpportunityUpload()],
	] as Array<[string, INodeType]>)(
		'%s: each condition names a top-level parameter, @version, @tool or a root path',
		(_, nodeType) => {
			const { properties } = nodeType.description;
			const names = new Set(properties.map((property) => property.name));
			const unknown = conditions(properties).filter(
				([, key]) => !names.has(key) && !key.startsWith('@') && !key.startsWith('/'),
			);
			expect(unknown).toEqual([]);
		},
	);
});
