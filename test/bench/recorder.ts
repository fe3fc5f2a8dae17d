/**
 * The one shared recorder every `<vendor>.bench.ts` reports to. A figure is a value (usually a ratio
 * against a baseline measured in the same run) with an optional target; run.js prints the table and
 * decides pass/miss, so a scenario only measures.
 */

export interface Target {
	/** Passes when value ≤ max. */
	max?: number;
	/** Passes when value ≥ min. */
	min?: number;
}

export interface Figure {
	value: number;
	unit: string;
	target?: Target;
	/** The lowest and highest of the rounds whose median `value` is. */
	spread?: [number, number];
	/** What the value is compared with, e.g. the raw-axios time a ratio divides by. */
	baseline?: { label: string; value: number; unit: string };
	note?: string;
}

export interface BenchRecord extends Figure {
	name: string;
}

const records: BenchRecord[] = [];

export function record(name: string, figure: Figure): void {
	if (!Number.isFinite(figure.value)) throw new Error(`bench figure "${name}" is not a finite number: ${figure.value}`);
	records.push({ name, ...figure });
}

/** Hands the figures over (and forgets them); called once per bench file by test/bench/setup.js. */
export function drain(): BenchRecord[] {
	return records.splice(0, records.length);
}
