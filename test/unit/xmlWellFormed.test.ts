import { parseBody } from '../../nodes/shared/body';
import { checkWellFormed } from '../../nodes/shared/xmlWellFormed';

const JOB = '<jobs><jobSummary jobId="2416" status="Completed"><subclient clientName="WINTER"/></jobSummary></jobs>';
const LIST = `<?xml version="1.0" encoding="UTF-8"?><JobManager_JobListResponse totalRecordsWithoutPaging="2">${JOB}${JOB}</JobManager_JobListResponse>`;

describe('checkWellFormed: what the XML parser leaves unchecked', () => {
	it.each([
		['a whole answer', LIST],
		['a declaration, comment, DOCTYPE with an internal subset, CDATA and a trailing processing instruction', '<?xml version="1.0"?><!-- c --><!DOCTYPE r [<!ENTITY x "y">]><r a=\'q"\' b="1 > 0"><![CDATA[<no>]]></r> <?pi x?>'],
		['a byte order mark and whitespace around the root', '\uFEFF\n<a/>\n'],
		['prefixed names and spaces before the end of tags', '<a:b xmlns:a="u" ><a:c /></a:b >'],
	])('accepts %s', (_what, text) => {
		expect(() => checkWellFormed(text)).not.toThrow();
	});

	it.each([
		['cut off between two elements', LIST.slice(0, LIST.lastIndexOf('<jobs>')), /Unclosed tag 'JobManager_JobListResponse'/],
		['cut off inside a tag', LIST.slice(0, LIST.lastIndexOf('status=')), /Tag 'jobSummary' is not closed/],
		['cut off inside the last end tag', LIST.slice(0, -1), /Tag 'JobManager_JobListResponse' is not closed/],
		['a mismatched end tag', '<a><b x="1"></a>', /Expected closing tag 'b' instead of 'a'/],
		['two documents run together', `${LIST}${LIST}`, /declaration inside or after|second root/],
		['a second root element', '<a/><b/>', /A second root element 'b'/],
		['text after the root', '<a></a>junk', /Text outside the root element/],
		['text before the root', 'garbage <a/>', /Text outside the root element/],
		['an unclosed comment', '<a><!-- unclosed', /Unclosed comment/],
		['an unclosed CDATA section', '<a><![CDATA[x</a>', /Unclosed CDATA section/],
		['a space after <', '<a>< b/></a>', /A tag without a name/],
		['an end tag without a start tag', '</a>', /Closing tag 'a' without an opening tag/],
		['nothing but whitespace', '  ', /No root element/],
	])('refuses %s', (_what, text, message) => {
		expect(() => checkWellFormed(text)).toThrow(message);
	});

	// With a backtracking pattern this would not end within the test's timeout.
	it('a tag cut off in a long run of attributes fails, without backtracking through every split of it', () => {
		expect(() => checkWellFormed(`<a><b ${'x=1 '.repeat(200_000)}`)).toThrow(/Tag 'b' is not closed/);
	});
});

describe('parseBody of XML', () => {
	it('reports a list cut off between two jobs as a parse error, never as a shorter list', () => {
		const parsed = parseBody(LIST.slice(0, LIST.lastIndexOf('<jobs>')), 'application/xml');
		expect(parsed).toEqual({ kind: 'xml', value: null, parseError: expect.stringMatching(/Unclosed tag/) });
	});

	it('parses a whole answer as before', () => {
		const parsed = parseBody(LIST, 'application/xml');
		expect(parsed.parseError).toBeUndefined();
		expect(parsed.value).toMatchObject({ JobManager_JobListResponse: { totalRecordsWithoutPaging: '2', jobs: [{ jobSummary: { jobId: '2416' } }, { jobSummary: { jobId: '2416' } }] } });
	});
});
