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

/** The status fields of a job (Batch jobs: "status, totalRows, processedRows, …, failureReason"). */
function statusOf(job) {
	const total = job.checked.length;
	const processed = job.processed;
	const failed = job.failures.length;
	const done = job.failureReason !== undefined || processed === total;
	// [inferred] a job whose every row failed ends `failed` (the contract names the statuses, not
	// when each is used); the node reads the failures of a failed job too, so either reading works.
	let status = processed > 0 ? 'processing' : 'pending';
	if (done)
		status =
			job.failureReason !== undefined
				? 'failed'
				: failed === 0
					? 'complete'
					: failed === total
						? 'failed'
						: 'partialcomplete';
	return {
		jobId: job.jobId,
		status,
		totalRows: total,
		processedRows: processed,
		percentageProgress: total ? Math.floor((processed / total) * 100) : 100,
		successCount: processed - failed,
		failureCount: failed,
		createdDateTime: job.createdDateTime,
		completedDateTime: job.completedDateTime,
		failureReason:
			job.failureReason ?? (done && failed === total && total ? 'Every row failed.' : undefined),
	};
}

/**
 * Batch jobs of one sandbox. "processed in the background" (Batch jobs); how jobs share Ruler's
 * time is open, and the sandbox runs them one after another at `batchRowsPerSecond` (0: at once),
 * worked out whenever a job is read. The node keeps polling each job until it ends, so it does not
 * depend on this order.
 */
function addBatchRoutes({ routes, state, config, refusal, wrap, validate, store }) {
	let nextJob = 1;
	let queueFreeAt = 0;
	const at = (time = Date.now()) => new Date(time).toISOString();

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
		// "validated at once: 400 with row-level errors and nothing stored". [inferred] rowNumber counts
		// the data rows from 1, as the failures' RowNumber.
		if (errors.length)
			return {
				status: 400,
				body: { errors: errors.map(({ row, problems }) => ({ rowNumber: row, errors: problems })) },
			};
		const jobId = `job-${nextJob++}`;
		const now = Date.now();
		const startsAt = Math.max(now, queueFreeAt);
		const rate = config.batchRowsPerSecond;
		queueFreeAt = rate ? startsAt + (checked.length / rate) * 1000 : now;
		state.batchJobs.set(jobId, {
			jobId,
			siteId,
			header,
			checked,
			startsAt,
			processed: 0,
			failures: [],
			createdDateTime: at(now),
			// A whole job's failure (switched on by `jobFailureReason`): nothing of it is stored.
			failureReason: config.jobFailureReason || undefined,
		});
		if (config.jobFailureReason) state.batchJobs.get(jobId).completedDateTime = at(now);
		return { status: 202, body: { jobId } };
	}

	/** Processes the rows whose time has come; the stage is checked here, as Ruler does later. */
	function advance(job) {
		if (job.failureReason !== undefined) return job;
		const rate = config.batchRowsPerSecond;
		const due = rate ? Math.floor(((Date.now() - job.startsAt) * rate) / 1000) : job.checked.length;
		const until = Math.min(job.checked.length, Math.max(job.processed, due));
		for (; job.processed < until; job.processed++) {
			const { row, cells, body } = job.checked[job.processed];
			if (config.unknownStages === 'refuse' && !config.stages.includes(body.PipelineStage))
				job.failures.push({
					row,
					cells,
					errorMessage: `"${body.PipelineStage}" is not a pipeline stage.`,
				});
			else store(job.siteId, body);
		}
		if (job.processed === job.checked.length) job.completedDateTime ??= at();
		return job;
	}

	function failures(job, format) {
		const list = job.failures;
		// "JSON gives the row's fields plus errorMessage"; a row number only with `jsonRowNumbers`.
		if (format === 'json')
			return {
				body: list.map(({ row, cells, errorMessage }) => ({
					...(config.jsonRowNumbers ? { rowNumber: row } : {}),
					...Object.fromEntries(job.header.map((name, i) => [name, cells[i] ?? ''])),
					errorMessage,
				})),
			};
		// "CSV has RowNumber first and ErrorMessage last".
		const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
		const lines = [['RowNumber', ...job.header, 'ErrorMessage'].join(',')];
		for (const { row, cells, errorMessage } of list)
			lines.push([row, ...cells.map(quote), quote(errorMessage)].join(','));
		return { body: lines.join('\n'), headers: { 'Content-Type': 'text/csv' } };
	}

	const withJob = (handler) => (ctx) => {
		const refused = refusal(ctx.req);
		if (refused) return refused;
		const job = state.batchJobs.get(decodeURIComponent(ctx.params[1]));
		const site = decodeURIComponent(ctx.params[0]);
		return job && job.siteId === site
			? handler(advance(job), ctx)
			: { status: 404, body: { message: 'Job not found.' } };
	};
	const jobsOf = (site) =>
		[...state.batchJobs.values()].filter((job) => job.siteId === site).map(advance);
	routes.push(
		['POST', BATCH_UPLOAD, wrap(submit)],
		[
			'GET',
			/^\/v1\/([^/]+)\/batch\/([^/]+)\/status$/,
			wrap(withJob((job) => ({ body: statusOf(job) }))),
		],
		[
			'GET',
			/^\/v1\/([^/]+)\/opportunity\/batch\/([^/]+)\/failures$/,
			wrap(withJob((job, { query }) => failures(job, query.get('format') || 'csv'))),
		],
		[
			'GET',
			/^\/v1\/([^/]+)\/batch\/jobs$/,
			// "Jobs: GET /v1/{siteId}/batch/jobs"; [inferred] each with its status fields, newest first.
			wrap(
				(ctx) =>
					refusal(ctx.req) ?? {
						body: jobsOf(decodeURIComponent(ctx.params[0])).map(statusOf).reverse(),
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
	return {
		reset() {
			nextJob = 1;
			queueFreeAt = 0;
		},
	};
}

module.exports = { addBatchRoutes, BATCH_UPLOAD, COLUMNS, filePart, parseCsv };
