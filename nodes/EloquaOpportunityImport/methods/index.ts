import { searchImportDefinitions } from './listSearch';
import { getAccountFields, getContactFields, getOpportunityStatements } from './loadOptions';
import { getOpportunityColumns } from './resourceMapping';

/** What the editor asks the node for: definitions to pick, fields to choose, columns to map. */
export const methods = {
	listSearch: { searchImportDefinitions },
	loadOptions: { getAccountFields, getContactFields, getOpportunityStatements },
	resourceMapping: { getOpportunityColumns },
};
