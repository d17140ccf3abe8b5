import { searchBatchJobs } from './listSearch';

/** What the editor asks the node for: the batch jobs to pick. */
export const methods = {
	listSearch: { searchBatchJobs },
};
