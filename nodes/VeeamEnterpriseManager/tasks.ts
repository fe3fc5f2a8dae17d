import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { isRecord, listOf, textOf } from '../shared/shape';
import type { WaitClock } from '../shared/waitForJobs';
import { documentOf, field } from './documents';
import type { VeeamApi } from './transport';

/**
 * Enterprise Manager answers a job action or a restore with a Task (`POST …?action=…` → 202): it says
 * the request was taken, and once Finished whether it worked and, for a restore, which session it
 * started (a `Related` link to `/restoreSessions/{ID}`).
 */
export interface Task {
	id: string;
	finished: boolean;
	success: boolean;
	message: string;
	/** The `Href` of each `Rel="Related"` link, as the Task lists them. */
	related: string[];
}

/** Reads of a Task before it is taken as unfinished: it finishes within seconds on a working server. */
const TASK_READS = 20;
const TASK_PAUSE_MS = 1000;

function relatedLinks(task: IDataObject): string[] {
	const links = field(task, 'Links');
	// JSON: a list of links; XML: `<Links><Link …/>…</Links>`
	const list = isRecord(links) ? listOf(field(links, 'Link')) : listOf(links);
	return list.filter((link) => isRecord(link) && textOf(field(link, 'Rel')).toLowerCase() === 'related').map((link) => textOf(field(link as IDataObject, 'Href')));
}

/** A Task's state and, once it is Finished, its result (`<Result Success="…"><Message>`). */
export function taskOf(body: unknown): Task {
	const { doc } = documentOf(body);
	const task = isRecord(doc) ? doc : {};
	const result = field(task, 'Result');
	const record = isRecord(result) ? result : {};
	return {
		id: textOf(field(task, 'TaskId')),
		finished: textOf(field(task, 'State')).toLowerCase() === 'finished',
		success: textOf(field(record, 'Success')).toLowerCase() === 'true',
		message: textOf(field(record, 'Message')),
		related: relatedLinks(task),
	};
}

/** What the user is told to check when a Task failed or did not finish. */
export interface TaskHints {
	/** "to start the job", "to restore the VM" */
	what: string;
	/** For a refusal: where to look, and the role it needs. */
	refused: string;
	/** For a Task that did not finish: where to look before running again. */
	unfinished: string;
}

/**
 * The Task, followed until it has finished; a failed Task is Enterprise Manager's refusal (a job
 * already running, a restore point it cannot restore), in its words. Returns the finished Task.
 */
export async function followTask(ctx: IExecuteFunctions, api: VeeamApi, clock: WaitClock, answer: unknown, hints: TaskHints, i: number): Promise<Task> {
	let task = taskOf(answer);
	for (let n = 0; !task.finished && task.id !== '' && n < TASK_READS; n++) {
		await clock.sleep(TASK_PAUSE_MS);
		task = taskOf(await api.task(task.id, i));
	}
	const message = !task.finished
		? `Veeam Enterprise Manager did not finish the task ${hints.what} (${task.id || 'no task ID'}) within ${(TASK_READS * TASK_PAUSE_MS) / 1000} s [item ${i}]`
		: !task.success
			? `Veeam Enterprise Manager refused ${hints.what}: ${task.message || 'no reason given'} [item ${i}]`
			: undefined;
	if (message === undefined) return task;
	throw new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: task.finished ? hints.refused : hints.unfinished,
		itemIndex: i,
	});
}
