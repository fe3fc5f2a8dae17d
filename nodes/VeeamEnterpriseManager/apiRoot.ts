/**
 * The REST API lives under `/api` on port 9398. The Base URL is the server's address; `/api` is added
 * here, and tolerated when the user typed it, so both `https://em:9398` and `https://em:9398/api/` work.
 */
export function typedApi(baseUrl: string): boolean {
	return /\/api\/*$/i.test(baseUrl.trim());
}

/** What a path such as `/query` is prefixed with for this Base URL. */
export function apiPrefix(baseUrl: string): string {
	return typedApi(baseUrl) ? '' : '/api';
}

/** The API root, `https://em:9398/api`, without a trailing slash. */
export function apiRoot(baseUrl: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}${apiPrefix(baseUrl)}`;
}
