'use strict';
// What an Eloqua opportunity sync does with each staged row: record-level rejects, field-level
// rejects (the record is stored without the value), and the update rules. Every outcome names the
// line of API-CONTRACT.md it models; codes Eloqua does not document for that meaning are `SBX-`.

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const isDate = (value) =>
	/^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}(:\d{2})?)?$/.test(value) || !Number.isNaN(Date.parse(value));

const ID_STATEMENT = '{{Opportunity.Id}}';
const STAGE_STATEMENT = '{{Opportunity.Field(Stage)}}';

/** Codes and messages: Oracle's status code table where it has the meaning, else neutral. */
const CODES = {
	// "ELQ-00061 Rejected records (missing fields)" (Outcomes): the identifier is the field missing.
	missingIdentifier: ['ELQ-00061', 'Rejected records (missing fields).'],
	// "ELQ-00026 Duplicate identifier" (Failures and retries): a row staged twice in one sync.
	duplicate: ['ELQ-00026', 'Duplicate identifier.'],
	// "ELQ-00039 invalid opportunity stage" (Failures and retries, useful codes).
	stage: ['ELQ-00039', 'Invalid opportunity stage.'],
	// "RudderStack treats a reject whose statusCode is ELQ-00040 as success … the record was
	// imported and the named field value dropped" (Outcomes, [client]).
	fieldDropped: ['ELQ-00040', 'The field value was not valid; the record was imported without it.'],
	// The contract says never to send the text "null"; what Eloqua does with it is not documented.
	nullText: [
		'SBX-NULL-TEXT',
		'Sandbox: the text "null" is refused (the contract says never send it).',
	],
};

const reject = ([statusCode, message], invalidFields) => ({ statusCode, message, invalidFields });

function identifierColumn(definition) {
	return (
		definition.identifierFieldName ||
		Object.entries(definition.fields).find(([, s]) => s === ID_STATEMENT)?.[0]
	);
}

function keyOf(definition, row) {
	const value = String(row[identifierColumn(definition)] ?? '');
	return definition.isIdentifierFieldCaseSensitive ? value : value.toLowerCase();
}

/**
 * Checks one staged row: a record-level reject (the row is not imported), or the columns whose
 * values are dropped (field-level rejects: the row is imported without them).
 */
function checkRow(definition, row, { stages, kinds }) {
	const idColumn = identifierColumn(definition);
	const identifier = row[idColumn];
	if (identifier === undefined || identifier === '')
		return { reject: reject(CODES.missingIdentifier, [idColumn]) };
	const dropped = [];
	for (const [column, statement] of Object.entries(definition.fields)) {
		const value = row[column];
		if (value === undefined || value === '') continue;
		if (value === 'null') return { reject: reject(CODES.nullText, [column]) };
		if (statement === STAGE_STATEMENT && !stages.includes(value))
			return { reject: reject(CODES.stage, [column]) };
		const kind = kinds.get(statement);
		const bad = (kind === 'number' && !NUMBER.test(value)) || (kind === 'date' && !isDate(value));
		if (!bad) continue;
		// A bad identifier cannot be dropped: the record could not be matched (Outcomes: "unless one
		// of its invalidFields is a unique field").
		if (column === idColumn) return { reject: reject(CODES.fieldDropped, [column]) };
		dropped.push(column);
	}
	return { dropped };
}

function ruleFor(definition, column) {
	// "updateRule (always default | ifNewIsNotNull | ifExistingIsNull | useFieldRule with
	// updateRuleByField)" (Definition body).
	const rule = definition.updateRule || 'always';
	if (rule !== 'useFieldRule') return rule;
	return definition.updateRuleByField?.[column] || 'always';
}

/**
 * Writes a row over the stored record, column by column. "A column left out of one row is a blank
 * cell; under `always` it clears the stored value" (Values, [inferred]); `ifNewIsNotNull` keeps the
 * stored value for a blank; `ifExistingIsNull` writes only where the stored value is blank. Dropped
 * columns (field-level rejects) are not written. Returns whether the record existed.
 */
function storeRow(state, definition, row, dropped) {
	const key = keyOf(definition, row);
	const existing = state.opportunities.get(key);
	const record = { ...(existing || {}) };
	for (const column of Object.keys(definition.fields)) {
		if (dropped.includes(column)) continue;
		const value = row[column] ?? '';
		const old = record[column];
		const rule = ruleFor(definition, column);
		if (rule === 'ifNewIsNotNull' && value === '' && old !== undefined) continue;
		if (rule === 'ifExistingIsNull' && old !== undefined && old !== '') continue;
		record[column] = value;
	}
	state.opportunities.set(key, record);
	state.writes += 1;
	state.writesByKey.set(key, (state.writesByKey.get(key) || 0) + 1);
	return existing !== undefined;
}

module.exports = { checkRow, storeRow, keyOf, identifierColumn, CODES, ID_STATEMENT };
