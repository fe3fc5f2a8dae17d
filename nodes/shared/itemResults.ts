import { deepCopy, NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { HaltedError, type Limiter, type Settled } from './concurrency';
import type { WaitClock } from './waitForJobs';

/** What one input item came to: its records, its failure, or nothing yet (not run: the node stopped). */
export type ItemResult = Settled<IDataObject[]> | undefined;

/** What one execution shares: its budget of requests in flight, its clock, how it fails. */
export interface ItemRun {
	limiter: Limiter;
	clock: WaitClock;
	continueOnFail: boolean;
	/** The first request goes alone, to sign in (see ReadSettings.firstAlone). */
	firstAlone: boolean;
}

export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	// Anything else is a bug or a cancelled sleep; say so plainly, with the item it concerns.
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** The first real failure in item order; a task that never started (halted) is no failure of its own. */
export function throwFirstFailure(ctx: IExecuteFunctions, results: ItemResult[], continueOnFail: boolean): void {
	if (continueOnFail) return;
	const index = results.findIndex((result) => result !== undefined && !result.ok && !(result.error instanceof HaltedError));
	const failed = results[index];
	if (failed && !failed.ok) throw asNodeError(ctx, failed.error, index);
}

/** Checks every item's parameters before the first request: a bad item fails alone, or stops the node. */
export function checkEach<T>(ctx: IExecuteFunctions, count: number, check: (itemIndex: number) => T, continueOnFail: boolean) {
	const results: ItemResult[] = new Array<ItemResult>(count);
	const checked: Array<T | undefined> = new Array<T | undefined>(count);
	for (let i = 0; i < count; i++) {
		try {
			checked[i] = check(i);
		} catch (error) {
			results[i] = { ok: false, error };
		}
	}
	throwFirstFailure(ctx, results, continueOnFail);
	return { results, checked };
}

/**
 * One output item per record, each with its item's `pairedItem`. Items that shared a read hold the
 * same object: the later ones get a copy, so a node downstream that edits one item edits only that one.
 */
export function toOutput(ctx: IExecuteFunctions, results: ItemResult[]): INodeExecutionData[] {
	const emitted = new Set<IDataObject>();
	const own = (json: IDataObject) => {
		if (!emitted.has(json)) {
			emitted.add(json);
			return json;
		}
		return deepCopy(json);
	};
	return results.flatMap((result, itemIndex) => {
		if (result === undefined) return [];
		return result.ok
			? result.value.map((json) => ({ json: own(json), pairedItem: { item: itemIndex } }))
			: [{ json: { error: asNodeError(ctx, result.error, itemIndex).message }, pairedItem: { item: itemIndex } }];
	});
}
