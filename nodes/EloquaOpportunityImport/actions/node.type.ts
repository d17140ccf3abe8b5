import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** Every resource of the node and the operations it offers (the `value`s of the two options). */
export interface EloquaMap {
	opportunity: 'import';
	opportunityContactLink: 'import';
	importDefinition: 'clearStagedData' | 'create' | 'delete' | 'get' | 'getMany';
	sync: 'get' | 'getLogs' | 'getRejects' | 'start';
}

/** One operation: it handles all input items at once and returns the node's outputs. */
export interface Operation {
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** A resource's operations, by their value. */
export type Operations<R extends keyof EloquaMap> = Record<EloquaMap[R], Operation>;
