import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeParameters,
} from 'n8n-workflow';

const noNodeTypes = {
	getByName: () => undefined as never,
	getByNameAndVersion: () => undefined as never,
	getKnownTypes: () => ({}),
};

/**
 * A credential's data as n8n hands it to a request: the fields the user left out get their
 * defaults, then expressions are resolved against the data itself (`$self`), as n8n's
 * credentials helper does before every use.
 */
export function withDefaults(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	// Fields of a parent type (oAuth2Api's client ID and secret) are not described here: kept as given.
	const filled = {
		...data,
		...NodeHelpers.getNodeParameters(
			type.properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		),
	} as INodeParameters;
	const node: INode = {
		id: 'credential',
		name: 'Credential',
		type: 'credential',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: noNodeTypes,
	});
	return workflow.expression.getComplexParameterValue(
		node,
		filled,
		'internal',
		{},
		undefined,
		undefined,
		filled,
	) as ICredentialDataDecryptedObject;
}
