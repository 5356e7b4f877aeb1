/*
 * segment.c: fuzz target for segment's document finder
 * (bin/segment.c): contents, title blocks, kinds, sections.
 *
 * The tool's source is compiled in here with its main renamed; each
 * input is segmented the way main segments each file operand, by
 * segment_file, which resets the per-file state itself.
 *
 * Input: one byte of mode, then the paragraphs.  Mode bit 0 set: the
 * rest is a clean-text stream as ocr-clean writes it, fed as it is.
 * Clear: the rest is one paragraph a line, "[PAGE<TAB>]TEXT[<TAB>HEADER]",
 * made into such a stream here, so that mutations reach the document
 * finder instead of breaking the stream (the tsv target fuzzes that);
 * a line that is not UTF-8 or holds a NUL is left out.  The promises
 * checked: an exit status of 0, 1 or 2; a stream of the nine columns;
 * the same output for the same input segmented again in one process.
 */
#include "fuzz.h"

int segment_main(int argc, char **argv);
#define main segment_main
#include "../../bin/segment.c"
#undef main

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init("segment");
	return 0;
}

static int
is_digits(const uint8_t *s, size_t n)
{
	size_t i;

	/* Longer than any page number, shorter than a paragraph: a page
	 * column holds what the stream gives, not only what fits an int. */
	if (n == 0 || n > 24)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Makes the stream of page, line, text, header from paragraph lines. */
static void
make_stream(const uint8_t *data, size_t size, struct buf *out)
{
	const uint8_t *p = data, *end = data + size;
	long lineno = 0;
	FILE *fp;
	char *s = NULL;
	size_t len = 0;

	fp = open_memstream(&s, &len);
	if (fp == NULL)
		fuzz_fail("open_memstream failed");
	fputs("page\tline\ttext\theader\n", fp);
	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		const uint8_t *e = nl ? nl : end, *tab, *text = p;
		size_t n = (size_t)(e - p);

		lineno++;
		if (memchr(p, '\0', n) == NULL && fuzz_is_utf8((const char *)p, n)) {
			tab = memchr(p, '\t', n);
			if (tab != NULL && is_digits(p, (size_t)(tab - p))) {
				fwrite(p, 1, (size_t)(tab - p), fp);
				text = tab + 1;
			}
			fprintf(fp, "\t%ld\t", lineno);
			tab = memchr(text, '\t', (size_t)(e - text));
			tsv_put(fp, (const char *)text, (size_t)((tab ? tab : e) - text));
			putc('\t', fp);
			if (tab != NULL)
				tsv_put(fp, (const char *)tab + 1, (size_t)(e - tab - 1));
			putc('\n', fp);
		}
		p = nl ? nl + 1 : end;
	}
	fclose(fp);
	buf_add(out, s, len);
	free(s);
}

static int
run(const uint8_t *data, size_t size, struct fuzz_capture *out)
{
	static const char *const cols[] = {
		"source", "doc", "page", "line", "para", "kind", "text", "section", "header"
	};
	FILE *fp = fuzz_open_input(data, size);
	int status;

	diag_warnings = 0;
	fuzz_capture_begin(out);
	tsv_put_header(stdout, cols, 9);
	status = segment_file(fp, "<stdin>");
	fuzz_capture_end(out, 0);
	fclose(fp);
	if (status < 0 || status > 2)
		fuzz_fail("exit status %d", status);
	fuzz_check_stream("segment", out->p, out->len, cols, 9);
	return status;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_capture first, again;
	struct buf stream = {0};
	int st1, st2;

	if (size < 1)
		return 0;
	if (data[0] & 1)
		buf_add(&stream, data + 1, size - 1);
	else
		make_stream(data + 1, size - 1, &stream);
	st1 = run((const uint8_t *)stream.p, stream.len, &first);
	st2 = run((const uint8_t *)stream.p, stream.len, &again);
	if (st1 != st2 || first.len != again.len || memcmp(first.p, again.p, first.len) != 0)
		fuzz_fail("the same input segmented again gives other output (status %d, then %d; "
		    "%zu bytes, then %zu)", st1, st2, first.len, again.len);
	fuzz_capture_free(&first);
	fuzz_capture_free(&again);
	buf_free(&stream);
	return 0;
}
