import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { preview } from './text';

/** One row of Stage Mapping as the node stores it. */
interface StagePair {
	from?: unknown;
	to?: unknown;
}

/**
 * The Stage Mapping parameter: CRM stage → the stage the service knows. `target` names the service
 * in the labels ("Ruler Stage", "Eloqua Stage").
 */
export function stageMappingProperty(target: string): INodeProperties {
	return {
		displayName: 'Stage Mapping',
		name: 'stageMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Stage Mapping',
		default: {},
		description: `Optional: replace your CRM's stage names with the ones set up in ${target} before the items are checked and sent. CRM stages match ignoring case and extra spaces; a stage without a row is sent unchanged.`,
		options: [
			{
				displayName: 'Stage',
				name: 'stage',
				values: [
					{
						displayName: 'CRM Stage',
						name: 'from',
						type: 'string',
						default: '',
						placeholder: 'closedwon',
						description: 'The stage as your items carry it; case and extra spaces do not matter',
					},
					{
						displayName: `${target} Stage`,
						name: 'to',
						type: 'string',
						default: '',
						placeholder: 'Closed Won',
						description: `The stage to send instead, spelled exactly as set up in ${target}`,
					},
				],
			},
		],
	};
}

/** How a CRM stage is matched: trimmed, inner runs of spaces as one, case ignored. */
export const stageKey = (stage: string): string => stage.trim().replace(/\s+/g, ' ').toLowerCase();

const textOf = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/** The stage each CRM stage becomes. Values that are not text, and stages without a row, pass unchanged. */
export class StageMapping {
	private constructor(private readonly targets: ReadonlyMap<string, string>) {}

	get size(): number {
		return this.targets.size;
	}

	/** The stage to send for an item's stage. */
	apply(stage: unknown): unknown {
		if (typeof stage !== 'string' || this.targets.size === 0) return stage;
		return this.targets.get(stageKey(stage)) ?? stage;
	}

	/**
	 * Reads the rows of Stage Mapping. Fully empty rows are ignored; a half-filled row, or a CRM stage
	 * mapped twice to different stages, is a setup mistake: `problem` receives the sentence.
	 */
	static read(rows: unknown, target: string, problem: (message: string) => never): StageMapping {
		const targets = new Map<string, string>();
		const rowOf = new Map<string, number>();
		const list = Array.isArray(rows) ? (rows as StagePair[]) : [];
		list.forEach((row, index) => {
			const [from, to] = [textOf(row?.from), textOf(row?.to)];
			const rowNumber = index + 1;
			if (from === '' && to === '') return;
			if (from === '' || to === '')
				problem(
					`Stage Mapping row ${rowNumber} needs both a CRM Stage and a ${target} Stage, got ${preview(from)} → ${preview(to)}.`,
				);
			const key = stageKey(from);
			const earlier = targets.get(key);
			if (earlier !== undefined && earlier !== to)
				problem(
					`Stage Mapping rows ${rowOf.get(key)} and ${rowNumber} both map ${preview(from)} (case and extra spaces ignored), to ${preview(earlier)} and to ${preview(to)}. Keep one of them.`,
				);
			targets.set(key, to);
			rowOf.set(key, rowOf.get(key) ?? rowNumber);
		});
		return new StageMapping(targets);
	}
}

/** The node's Stage Mapping, read once per run; a setup mistake in it stops the run before anything is sent. */
export function readStageMapping(context: IExecuteFunctions, target: string): StageMapping {
	return StageMapping.read(
		context.getNodeParameter('stageMapping.stage', 0, []),
		target,
		(message) => {
			throw new NodeOperationError(context.getNode(), message, {
				description: 'Fix or remove that row of Stage Mapping.',
			});
		},
	);
}
