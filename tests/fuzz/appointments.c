/*
 * appointments.c: fuzz target for extract-appointments' reading of
 * personnel decisions (bin/extract-appointments.c).
 *
 * The tool's source is compiled in here with its main renamed, and
 * each input runs through that main, with standard input read from
 * memory and standard output written to it, so the code under test is
 * the whole tool, unchanged.  Only what main leaves behind for a
 * second call is put right here: it frees its row array at the end
 * (a process calls main once) without forgetting it.
 *
 * Input: one byte of mode, then the paragraphs.  Mode bit 0 set: the
 * rest is a paragraph stream as segment writes it, fed as it is.
 * Clear: the rest is one paragraph a line, its first character the
 * kind (T title, N docno, A addressee, B body, S signer, D date,
 * X disclosure, C consult, H attachment, M masthead; any other
 * character: a body line that starts with it), made into such a
 * stream here; a title after another kind starts the next document.
 * Mode bit 1 adds --strict.  The promises checked: an exit status of
 * 0, 1 or 2, and output that is a stream the next tool reads.
 */
#include "fuzz.h"

int extract_appointments_main(int argc, char **argv);
#define main extract_appointments_main
#include "../../bin/extract-appointments.c"
#undef main

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init("extract-appointments");
	return 0;
}

static const char *
kind_of(int c)
{
	switch (c) {
	case 'T': return "title";
	case 'N': return "docno";
	case 'A': return "addressee";
	case 'B': return "body";
	case 'S': return "signer";
	case 'D': return "date";
	case 'X': return "disclosure";
	case 'C': return "consult";
	case 'H': return "attachment";
	case 'M': return "masthead";
	}
	return NULL;
}

/* Makes the paragraph stream from kind-tagged lines. */
static void
make_stream(const uint8_t *data, size_t size, struct buf *out)
{
	const uint8_t *p = data, *end = data + size;
	long lineno = 0;
	int doc = 1, prev_title = 1;
	FILE *fp;
	char *s = NULL;
	size_t len = 0;

	fp = open_memstream(&s, &len);
	if (fp == NULL)
		fuzz_fail("open_memstream failed");
	fputs("source\tdoc\tpage\tline\tpara\tkind\ttext\n", fp);
	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		const char *kind = n > 0 ? kind_of(p[0]) : NULL;
		const uint8_t *text = kind ? p + 1 : p;
		size_t tlen = kind ? n - 1 : n;

		lineno++;
		if (kind == NULL)
			kind = "body";
		if (memchr(p, '\0', n) == NULL && fuzz_is_utf8((const char *)p, n)) {
			int is_title = strcmp(kind, "title") == 0;

			if (is_title && !prev_title)
				doc++;
			prev_title = is_title;
			fprintf(fp, "fuzz\t%d\t%ld\t%ld\t%ld\t%s\t", strcmp(kind, "masthead") == 0 ? 0 : doc,
			    lineno / 40 + 1, lineno, lineno, kind);
			tsv_put(fp, (const char *)text, tlen);
			putc('\n', fp);
		}
		p = nl ? nl + 1 : end;
	}
	fclose(fp);
	buf_add(out, s, len);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char prog[] = "extract-appointments", strict[] = "--strict";
	char *argv[] = {prog, NULL, NULL};
	struct fuzz_capture out;
	struct buf stream = {0};
	FILE *saved_stdin = stdin;
	int status, argc = 1;

	if (size < 1)
		return 0;
	if (data[0] & 1)
		buf_add(&stream, data + 1, size - 1);
	else
		make_stream(data + 1, size - 1, &stream);
	if (data[0] & 2)
		argv[argc++] = strict;
	diag_strict = 0;
	diag_warnings = 0;
	optind = 1;
	stdin = fuzz_open_input((const uint8_t *)stream.p, stream.len);
	fuzz_capture_begin(&out);
	status = extract_appointments_main(argc, argv);
	fuzz_capture_end(&out, 1);    /* main closed it */
	fclose(stdin);
	stdin = saved_stdin;
	if (status < 0 || status > 2)
		fuzz_fail("exit status %d", status);
	fuzz_check_stream("extract-appointments", out.p, out.len, NULL, 0);
	fuzz_capture_free(&out);
	buf_free(&stream);
	return 0;
}
