import fc from 'fast-check';

import { STANDARD_COLUMNS } from '../../../../nodes/EloquaOpportunityImport/helpers/columns';
import { rowBuilder, type RowRules } from '../../../../nodes/EloquaOpportunityImport/helpers/rows';
import { rowSerialiser } from '../../../../nodes/EloquaOpportunityImport/helpers/serialise';

const rules: RowRules = {
	columns: STANDARD_COLUMNS.filter((column) => column.kind === 'text'),
	zone: 'UTC',
	dateHandling: 'eloquaTime',
};

describe('rowSerialiser (JSON)', () => {
	it('writes what JSON.stringify writes of the row, for any text', () => {
		const toRow = rowBuilder(rules);
		const serialise = rowSerialiser(rules, 'json');
		const names = rules.columns.map((column) => column.name);
		fc.assert(
			fc.property(
				fc.array(fc.string({ unit: 'binary' }), {
					minLength: names.length,
					maxLength: names.length,
				}),
				(texts) => {
					const values = Object.fromEntries(names.map((name, i) => [name, texts[i]]));
					expect(serialise(values)).toBe(JSON.stringify(toRow(values)));
				},
			),
		);
	});
});
