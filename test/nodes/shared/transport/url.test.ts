import { trimSlash } from '../../../../nodes/shared/transport/url';

describe('trimSlash', () => {
	it.each([
		['https://login.eloqua.com', 'https://login.eloqua.com'],
		['https://login.eloqua.com/', 'https://login.eloqua.com'],
		['  https://rest.rulerapi.com///  ', 'https://rest.rulerapi.com'],
		['https://proxy.test/eloqua/', 'https://proxy.test/eloqua'],
		['https://proxy.test//a', 'https://proxy.test//a'],
		['/', ''],
		['', ''],
	])('makes %p %p', (url, trimmed) => {
		expect(trimSlash(url)).toBe(trimmed);
	});

	it('reads an absent or non-text credential field as text', () => {
		expect(trimSlash(undefined)).toBe('');
		expect(trimSlash(null)).toBe('');
		expect(trimSlash(8080)).toBe('8080');
	});
});
