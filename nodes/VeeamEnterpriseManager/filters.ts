/**
 * Filters of the query API (reference §6): `==, !=, >, <, >=, <=`, `;` for AND, `,` for OR, and
 * parentheses. Every value the node puts in a filter is a quoted string with its quotes doubled, so a
 * job name with `,` `;` `"` `=` or a parenthesis stays one value and cannot change the filter.
 */

export type Operator = '==' | '!=' | '>=' | '<=';

export function quote(value: string): string {
	return `"${value.replace(/"/g, '""')}"`;
}

export function compare(field: string, operator: Operator, value: string): string {
	return `${field}${operator}${quote(value)}`;
}

/** Any of the values (OR), in parentheses so that it combines with other conditions as one. */
export function anyOf(field: string, values: readonly string[]): string {
	const parts = values.map((value) => compare(field, '==', value));
	return parts.length === 1 ? parts[0] : `(${parts.join(',')})`;
}

/** Every condition (AND); empty conditions are left out. */
export function allOf(conditions: ReadonlyArray<string | undefined>): string {
	return conditions.filter((c): c is string => c !== undefined && c !== '').join(';');
}
