import type { Operation } from '../../shared/items/router';

/** Every resource of the node and the operations it offers (the `value`s of the two options). */
export interface EloquaMap {
	opportunity: 'import';
	opportunityContactLink: 'import';
	importDefinition: 'clearStagedData' | 'create' | 'delete' | 'get' | 'getMany';
	sync: 'get' | 'getLogs' | 'getRejects' | 'start';
}

/** A resource's operations, by their value. */
export type Operations<R extends keyof EloquaMap> = Record<EloquaMap[R], Operation>;
