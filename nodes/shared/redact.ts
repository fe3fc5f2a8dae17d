/** What replaces a secret in any text this package shows: error messages, descriptions, items. */
export const REDACTED = '[redacted]';

/** Shorter values are too likely to be ordinary words ("on", "id") to blank out everywhere. */
const MIN_SECRET_LENGTH = 4;

/** Credentials that travel in well-known shapes, whatever their value; `$1$2` keeps the name. */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
	[/\b(Basic|Bearer)(\s+)[A-Za-z0-9+/=._~-]+/gi, `$1$2${REDACTED}`],
	[/\b(password|passwd|secret|api[-_]?key|token|session[-_]?id)("?\s*[:=]\s*"?)[^"\s,&}]+/gi, `$1$2${REDACTED}`],
];

/**
 * Removes every known secret value and every credential-shaped fragment from a text. Used on each
 * error message and description before it leaves the node, because vendors sometimes echo the
 * request (headers, query) back in their error bodies.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length >= MIN_SECRET_LENGTH) result = result.split(secret).join(REDACTED);
	}
	for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
	return result;
}

/** The non-empty string values of the named credential fields: what must never be shown. */
export function secretValues(credentials: Record<string, unknown>, fields: readonly string[]): string[] {
	return fields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value !== '');
}
