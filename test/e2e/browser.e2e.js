// The editor as a user sees it: each node is found in the nodes panel by its display name, added,
// and its parameter panel shows the icon, the key fields and the sandbox's columns in the mapper.
// Screenshots go to test/.artifacts/screenshots; `npm run screenshots` refreshes the committed copies.
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const { OWNER, REPO } = require('../n8n/config');
const { useN8n } = require('./instance');
const { versionsUnderTest } = require('./versions');

const ARTIFACTS = path.join(REPO, 'test', '.artifacts', 'screenshots');
const COMMITTED = path.join(REPO, 'test', 'e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Headless as root on a machine without outside network: no sandbox, no background traffic.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** What each node's panel must show. A node joins by adding its entry. */
const NODES = [
	{
		displayName: 'Eloqua Opportunity Import',
		action: 'Import opportunities',
		// The everyday actions come first in the actions panel, the admin ones after them.
		firstActions: ['Import opportunities', 'Link opportunities to contacts or accounts'],
		laterActions: ['Clear staged data of an import definition', 'Start a sync'],
		sandbox: 'eloqua',
		iconPath: '/icons/n8n-nodes-eloqua-ruler/dist/nodes/EloquaOpportunityImport/eloqua.svg',
		fields: [
			'Credential',
			'Resource',
			'Operation',
			'Import Definition',
			'Mapping Column Mode',
			'Stage Mapping',
			'Validate Only',
			'Wait for Sync',
			'Options',
		],
		mapper: {
			required: [
				'Opportunity ID (OpportunityID)',
				'Opportunity Name (OpportunityName)',
				'Amount (number)',
				'Stage',
			],
			// Column IDs: required ones have no remove button, an added optional one has.
			requiredIds: ['OpportunityID', 'OpportunityName', 'Amount', 'Stage'],
			optionalId: 'AccountName',
			// The sandbox's custom opportunity fields: only a live field list can offer them.
			optional: [
				'Account Name (AccountName)',
				'Close Date (CloseDate, date)',
				'Region (Region1)',
				'Deal Score (DealScore1, number)',
				'Renewal Date (RenewalDate1, date)',
			],
			request: /\/api\/bulk\/2\.0\/opportunities\/fields$/,
		},
	},
	{
		displayName: 'Ruler Opportunity Upload',
		sandbox: 'ruler',
		iconPath: '/icons/n8n-nodes-eloqua-ruler/dist/nodes/RulerOpportunityUpload/ruler.svg',
		action: 'Upload opportunities',
		firstActions: ['Upload opportunities'],
		laterActions: [],
		fields: [
			'Credential',
			'Site ID',
			'Opportunity Value',
			'Opportunity Date',
			'Pipeline Stage',
			'Visitor Identifiers',
			'Stage Mapping',
			'Validate Only',
			'Options',
		],
	},
];

/** A workflow whose Eloqua node (version 1.1) maps every required column but `missing`. */
function mappingWithout(missing) {
	const required = ['OpportunityID', 'OpportunityName', 'Amount', 'Stage'];
	const schema = required.map((id) => ({
		id,
		displayName: id,
		required: true,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		removed: id === missing,
	}));
	const mapped = required.filter((id) => id !== missing);
	return {
		name: `Eloqua without ${missing}`,
		nodes: [
			{
				id: 'eloqua',
				name: 'Eloqua',
				type: 'n8n-nodes-eloqua-ruler.eloquaOpportunityImport',
				typeVersion: 1.1,
				position: [0, 0],
				parameters: {
					columns: {
						mappingMode: 'defineBelow',
						value: Object.fromEntries(mapped.map((id) => [id, `={{ $json.${id} }}`])),
						matchingColumns: [],
						schema,
					},
				},
				credentials: { eloquaApi: { id: 'EloquaSandboxBasic', name: 'Eloqua sandbox (Basic)' } },
			},
		],
		connections: {},
		settings: {},
		// 1.x refuses a workflow without it.
		active: false,
	};
}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

describe.each(versionsUnderTest())('editor of n8n %s', (version) => {
	const n8n = useN8n(version);
	let browser;
	let page;
	const shot = async (name) => {
		const folder = path.join(ARTIFACTS, version);
		fs.mkdirSync(folder, { recursive: true });
		await page.screenshot({ path: path.join(folder, `${name}.png`) });
	};

	beforeAll(async () => {
		browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(30000);
		await page.goto(`${n8n.server.baseUrl}/signin`);
		await page
			.locator('input[name=emailOrLdapLoginId], input[name=email]')
			.first()
			.fill(OWNER.email);
		await page.locator('input[name=password]').fill(OWNER.password);
		await page.locator('[data-test-id=form-submit-button]').click();
		await page.waitForURL((url) => !url.pathname.includes('signin'));
	});

	afterAll(async () => {
		await browser?.close();
		if (process.env.E2E_UPDATE_SCREENSHOTS && fs.existsSync(path.join(ARTIFACTS, version))) {
			fs.cpSync(path.join(ARTIFACTS, version), path.join(COMMITTED, version), { recursive: true });
		}
	});

	it('flags a required Eloqua column missing from a saved mapping on the canvas, before any run', async () => {
		const workflow = await n8n.api.createWorkflow(mappingWithout('Amount'));
		await page.goto(`${n8n.server.baseUrl}/workflow/${workflow.id}`);
		const issues = page.locator('[data-test-id=node-issues]').first();
		await issues.waitFor();
		await issues.hover();
		await page.getByText('Column "Amount" is required').first().waitFor();
		await shot('eloqua-opportunity-import-4-missing-column');
	});

	describe.each(NODES.map((node) => [node.displayName, node]))('%s', (displayName, node) => {
		let mark;
		beforeAll(async () => {
			mark = n8n.servers[node.sandbox].requests.length;
			await page.goto(`${n8n.server.baseUrl}/workflow/new`);
			await page.locator('[data-test-id=node-creator-plus-button]').click();
		});

		it('is found in the nodes panel by its display name, with its own icon', async () => {
			await page
				.locator('[data-test-id=node-creator-search-bar]')
				.locator('input')
				.or(page.locator('input[data-test-id=node-creator-search-bar]'))
				.first()
				.fill(displayName);
			const item = page.locator('[data-test-id=node-creator-item-name]', { hasText: displayName });
			await item.first().waitFor();
			const icon = page.locator(`[data-test-id=node-creator] img[src$="${node.iconPath}"]`).first();
			await icon.waitFor();
			expect(await icon.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
			await shot(`${slug(displayName)}-1-nodes-panel`);
			await item.first().click();
		});

		it('opens its parameter panel with the key fields', async () => {
			const panel = page.locator('[data-test-id=ndv]');
			// 2.x first shows a community node's details page with "Add to workflow".
			const add = page.getByRole('button', { name: 'Add to workflow' });
			// A node with several actions lists them first; a single-purpose node opens at once.
			const names = page.locator(
				'[data-test-id=node-creator] [data-test-id=node-creator-item-name]',
			);
			const action = names.filter({ hasText: node.action }).first();
			await action.or(panel).or(add).first().waitFor();
			if (await action.isVisible()) {
				// 2.x lists trigger suggestions above a node's actions on an empty canvas: look from its first.
				const listed = (await names.allTextContents()).map((text) => text.trim());
				const first = listed.indexOf(node.firstActions[0]);
				expect(listed.slice(first, first + node.firstActions.length)).toEqual(node.firstActions);
				expect(listed).toEqual(expect.arrayContaining(node.laterActions));
				for (const later of node.laterActions) expect(listed.indexOf(later)).toBeGreaterThan(first);
				// n8n adds no "Custom API Call": the nodes could not run it.
				expect(listed).not.toContain('Custom API Call');
				await action.click();
			}
			await panel.or(add).first().waitFor();
			if (await add.isVisible()) await add.click();
			await panel.waitFor();
			for (const field of node.fields)
				await panel
					.locator('[data-test-id=input-label], label', { hasText: field })
					.first()
					.waitFor();
			const header = panel.locator(`img[src$="${node.iconPath}"]`).first();
			await header.waitFor();
			expect(await header.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
			await shot(`${slug(displayName)}-2-parameters`);
		});

		if (node.mapper)
			it("lists the sandbox's fields in the column mapper", async () => {
				const mapper = page.locator('[data-test-id=resource-mapper-container]');
				for (const column of node.mapper.required)
					await mapper
						.locator('[data-test-id=input-label], label', { hasText: column })
						.first()
						.waitFor();
				await mapper.locator('[data-test-id=add-fields-select]').click();
				// 2.x offers the columns in a menu, 1.x in a select.
				const options = page.locator('[role=menuitem]:visible, .el-select-dropdown__item:visible');
				await options.filter({ hasText: node.mapper.optional[0] }).first().waitFor();
				const offered = (await options.allTextContents()).map((text) => text.trim());
				expect(offered).toEqual(expect.arrayContaining(node.mapper.optional));
				await page.waitForTimeout(500); // let the menu finish fading in for the screenshot
				await shot(`${slug(displayName)}-3-column-mapper`);
				// Required columns are mandatory: no remove button, unlike an optional column once added.
				await options.filter({ hasText: node.mapper.optional[0] }).first().click();
				const remove = (id) => mapper.locator(`[data-test-id=remove-field-button-${id}]`);
				await remove(node.mapper.optionalId).waitFor();
				for (const id of node.mapper.requiredIds) expect(await remove(id).count()).toBe(0);
				await page.keyboard.press('Escape');
				const asked = n8n.servers[node.sandbox].requests
					.slice(mark)
					.filter((r) => r.method === 'GET' && node.mapper.request.test(r.path));
				expect(asked.length).toBeGreaterThan(0);
			});
	});
});
