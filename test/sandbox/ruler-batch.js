'use strict';
// Ruler's batch jobs in the sandbox (API-CONTRACT.md, "Batch jobs"): a CSV uploaded as a
// multipart form file, validated at once (400 with row-level errors and nothing stored, or 202 with
// a jobId), then processed; status, failures (CSV or JSON), the job list and the template.

/** [open] "the upload path itself is not in the stored page": the sandbox serves the guess. */
const BATCH_UPLOAD = /^\/v1\/([^/]+)\/opportunity\/batch$/;
const COLUMNS = [
	'OpportunityDateTime',
	'CurrencyCode',
	'OpportunityValue',
	'PipelineStage',
	'RaId',
	'EmailAddress',
	'PhoneNumber',
	'PayloadValue',
	'Label',
	'Reference',
	'AdditionalDataProperties',
];
const IDENTIFIERS = ['RaId', 'EmailAddress', 'PhoneNumber', 'PayloadValue'];
const BATCH_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?)?$/;

/** The file part of a multipart/form-data body, or undefined. */
function filePart(contentType, body) {
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType || '')?.[1];
	if (!boundary) return undefined;
	for (const part of body.split(`--${boundary}`)) {
		const split = part.indexOf('\r\n\r\n');
		if (split < 0 || !/filename=/i.test(part.slice(0, split))) continue;
		return part.slice(split + 4).replace(/\r\n$/, '');
	}
	return undefined;
}

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
	const rows = [[]];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
			else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') (rows[rows.length - 1].push(cell), (cell = ''));
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			rows[rows.length - 1].push(cell);
			cell = '';
			rows.push([]);
		} else cell += c;
	}
	rows[rows.length - 1].push(cell);
	return rows.filter((row) => row.some((value) => value !== ''));
}

/** CSV row → the single upload's body shape, so one store serves both paths. */
function bodyOf(header, cells) {
	const value = (name) => cells[header.indexOf(name)] ?? '';
	const properties = value('AdditionalDataProperties')
		.split(';')
		.filter(Boolean)
		.map((pair) => Object.fromEntries(pair.split(',').map((kv) => kv.split('='))));
	return {
		OpportunityDateTime: value('OpportunityDateTime'),
		CurrencyCode: value('CurrencyCode'),
		OpportunityValue: Number(value('OpportunityValue')),
		PipelineStage: value('PipelineStage'),
		VisitorIdentifierOptions: IDENTIFIERS.filter((key) => value(key)).map((key) => ({
			Key: key,
			Value: value(key),
		})),
		Labels: header.flatMap((name, i) => (name === 'Label' && cells[i] ? [cells[i]] : [])),
		Reference: value('Reference'),
		AdditionalDataProperties: properties.map(({ Name, Value }) => ({ Name, Value: Value ?? '' })),
	};
}

/** Problems of one row found at upload time (format); the stage is checked while processing. */
function rowErrors(header, cells, validate, config) {
	const body = bodyOf(header, cells);
	const problems = [];
	if (!BATCH_DATE.test(body.OpportunityDateTime))
		problems.push('OpportunityDateTime must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss[.ffffff] (UTC).');
	if (body.VisitorIdentifierOptions.length === 0)
		problems.push('At least one of RaId, EmailAddress, PhoneNumber, PayloadValue is required.');
	// "OpportunityValue (decimal)" on the batch pages: no whole-number check here.
	const checked = validate(
		body,
		'',
		{ ...config, wholeValuesOnly: false, unknownStages: 'store' },
		Date.now(),
	);
	for (const [name, messages] of Object.entries(checked))
		if (name !== 'VisitorIdentifierOptions') problems.push(`${name}: ${messages.join(' ')}`);
	return { body, problems };
}

function addBatchRoutes({ routes, state, config, refusal, wrap, validate, store }) {
	let nextJob = 1;
	const at = () => new Date().toISOString();

	function submit({ req, params, body }) {
		const refused = refusal(req);
		if (refused) return refused;
		const siteId = decodeURIComponent(params[0]);
		const csv = filePart(req.headers['content-type'], body);
		if (csv === undefined)
			return { status: 400, body: { message: 'Upload the CSV as a multipart form file.' } };
		const [header = [], ...rows] = parseCsv(csv);
		if (!header.includes('Reference'))
			return { status: 400, body: { message: 'The header row is required.' } };
		const checked = rows.map((cells, i) => ({
			row: i + 1,
			cells,
			...rowErrors(header, cells, validate, config),
		}));
		const errors = checked.filter((c) => c.problems.length);
		// "validated at once: 400 with row-level errors and nothing stored".
		if (errors.length)
			return {
				status: 400,
				body: { errors: errors.map(({ row, problems }) => ({ rowNumber: row, errors: problems })) },
			};
		const jobId = `job-${nextJob++}`;
		state.batchJobs.set(jobId, { jobId, siteId, header, checked, reads: 0, createdDateTime: at() });
		return { status: 202, body: { jobId } };
	}

	/** The first status read sees `processing`; the next one processes every row. */
	function process(job) {
		job.failures = [];
		for (const { row, body } of job.checked) {
			if (config.unknownStages === 'refuse' && !config.stages.includes(body.PipelineStage))
				job.failures.push({
					row,
					body,
					errorMessage: `"${body.PipelineStage}" is not a pipeline stage.`,
				});
			else store(job.siteId, body);
		}
		job.completedDateTime = at();
	}

	function status(job) {
		job.reads += 1;
		if (job.reads === 2) process(job);
		const total = job.checked.length;
		const done = job.reads >= 2;
		const failed = done ? job.failures.length : 0;
		return {
			jobId: job.jobId,
			status: !done
				? 'processing'
				: failed === 0
					? 'complete'
					: failed === total
						? 'failed'
						: 'partialcomplete',
			totalRows: total,
			processedRows: done ? total : 0,
			percentageProgress: done ? 100 : 0,
			successCount: done ? total - failed : 0,
			failureCount: failed,
			createdDateTime: job.createdDateTime,
			completedDateTime: job.completedDateTime,
			failureReason: done && failed === total && total ? 'Every row failed.' : undefined,
		};
	}

	function failures(job, format) {
		const list = job.failures ?? [];
		if (format === 'json')
			return { body: list.map(({ body, errorMessage }) => ({ ...body, errorMessage })) };
		// "CSV has RowNumber first and ErrorMessage last".
		const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
		const lines = [['RowNumber', ...job.header, 'ErrorMessage'].join(',')];
		for (const { row, errorMessage } of list)
			lines.push([row, ...job.checked[row - 1].cells.map(quote), quote(errorMessage)].join(','));
		return { body: lines.join('\n'), headers: { 'Content-Type': 'text/csv' } };
	}

	const withJob = (handler) => (ctx) => {
		const refused = refusal(ctx.req);
		if (refused) return refused;
		const job = state.batchJobs.get(decodeURIComponent(ctx.params[1]));
		return job ? handler(job, ctx) : { status: 404, body: { message: 'Job not found.' } };
	};
	routes.push(
		['POST', BATCH_UPLOAD, wrap(submit)],
		[
			'GET',
			/^\/v1\/([^/]+)\/batch\/([^/]+)\/status$/,
			wrap(withJob((job) => ({ body: status(job) }))),
		],
		[
			'GET',
			/^\/v1\/([^/]+)\/opportunity\/batch\/([^/]+)\/failures$/,
			wrap(withJob((job, { query }) => failures(job, query.get('format') || 'csv'))),
		],
		[
			'GET',
			/^\/v1\/([^/]+)\/batch\/jobs$/,
			wrap(
				(ctx) =>
					refusal(ctx.req) ?? {
						body: [...state.batchJobs.values()].map((j) => ({ jobId: j.jobId })),
					},
			),
		],
		[
			'GET',
			/^\/v1\/([^/]+)\/opportunity\/template$/,
			wrap(
				(ctx) =>
					refusal(ctx.req) ?? {
						body: `${COLUMNS.join(',')}\n`,
						headers: { 'Content-Type': 'text/csv' },
					},
			),
		],
	);
}

module.exports = { addBatchRoutes, BATCH_UPLOAD, COLUMNS, parseCsv };
