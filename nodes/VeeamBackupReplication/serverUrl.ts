/**
 * The Base URL is the backup server and its REST port (`https://vbr:9419`). Paths are `/api/oauth2/token`
 * and `/api/v1/…`, so a Base URL typed with `/api` or `/api/v1` is tolerated and cut back to the server.
 */
export function serverRoot(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '').replace(/\/api(\/v1)?$/i, '');
}
