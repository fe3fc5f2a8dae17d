import { parseXml } from '../../bundled/xmlParser';
import { parseBody } from '../../nodes/shared/body';
import { buildXmlBundle, parseInChild } from '../harness/xmlBundle';

// The parser as dist/ ships it (the build's esbuild bundle), run in a child Node with a 64 MB heap cap
// and a 10 s kill switch: an expanded document would end the child, not jest.
let bundle: { file: string; dispose: () => void };
beforeAll(async () => {
	bundle = await buildXmlBundle();
});
afterAll(() => bundle?.dispose());

/** Ten levels of ten references each: expanded, `&lol9;` would be 10^9 × "lol", about 3 GB. */
function billionLaughs(): string {
	const levels = ['<!ENTITY lol "lol">'];
	for (let i = 1; i <= 9; i++) {
		const previous = i === 1 ? 'lol' : `lol${i - 1}`;
		levels.push(`<!ENTITY lol${i} "${`&${previous};`.repeat(10)}">`);
	}
	return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n ${levels.join('\n ')}\n]>\n<lolz kind="&lol9;">&lol9;</lolz>`;
}

const EXTERNAL_ENTITY = '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<foo>&xxe;</foo>';

const BOUNDS = { parseMs: 2000, heapGrowthMb: 50 };

describe('the bundled XML parser (dist/bundled/xmlParser.js) with hostile XML', () => {
	it('does not expand a billion-laughs document, in bounded time and memory', () => {
		const run = parseInChild(bundle.file, billionLaughs());
		expect(run).toMatchObject({ exitCode: 0, signal: null });
		expect(run.value).toEqual({ '?xml': { version: '1.0' }, lolz: { '#text': '&lol9;', kind: '&lol9;' } });
		expect(run.parseMs).toBeLessThan(BOUNDS.parseMs);
		expect(run.heapGrowthMb).toBeLessThan(BOUNDS.heapGrowthMb);
	});

	it('refuses an external entity (SYSTEM "file:///etc/passwd") without reading it, in bounded time and memory', () => {
		const run = parseInChild(bundle.file, EXTERNAL_ENTITY);
		expect(run).toMatchObject({ exitCode: 0, signal: null, error: expect.stringMatching(/external entit/i) });
		expect(JSON.stringify(run)).not.toMatch(/root:/);
		expect(run.parseMs).toBeLessThan(BOUNDS.parseMs);
		expect(run.heapGrowthMb).toBeLessThan(BOUNDS.heapGrowthMb);
	});

	it('parses an ordinary answer exactly as the source wrapper does', () => {
		const xml = '<?xml version="1.0" encoding="utf-8"?><EntityReferences><Ref Type="BackupTaskSession" UID="urn:veeam:BackupTaskSession:7">'
			+ '<Name>Daily@srv01</Name><State>Stopped</State><Result>Warning</Result><Progress>100</Progress></Ref></EntityReferences>';
		const run = parseInChild(bundle.file, xml);
		expect(run.value).toEqual(parseXml(xml));
		expect(run.value).toMatchObject({ EntityReferences: { Ref: { Type: 'BackupTaskSession', State: 'Stopped', Progress: 100 } } });
	});
});

describe('parseBody with hostile XML', () => {
	it('reports an external entity as a parse error of an XML body, with no value', () => {
		expect(parseBody(EXTERNAL_ENTITY, 'application/xml')).toEqual({ kind: 'xml', value: null, parseError: expect.stringMatching(/external entit/i) });
	});
});
