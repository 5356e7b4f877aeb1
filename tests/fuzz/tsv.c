/*
 * tsv.c: fuzz target for the stream reader, lib/tsv.c.
 *
 * Input: one byte that picks the read chunk size (so that lines and
 * escapes fall across every kind of chunk boundary, as the unit tests
 * re-feed at every size), then the stream.  Besides not crashing, the
 * reader must keep its promises: a row has as many fields as the
 * header, and a row written back with tsv_put reads back the same.
 */
#include "fuzz.h"

static const size_t chunks[] = {65536, 1, 2, 3, 5, 7, 16, 4093};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init("tsv");
	return 0;
}

/* Writes row r of reader r with tsv_put, reads it back through a
 * second reader with the same header, and compares the fields. */
static void
roundtrip(struct tsv_reader *r)
{
	struct tsv_reader back;
	char *p = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&p, &len), *in;
	int i;

	if (out == NULL)
		fuzz_fail("open_memstream failed");
	/* Header names may hold escapes that tsv_put_header writes raw;
	 * the round trip is about the row, so plain names do. */
	for (i = 0; i < r->ncols; i++)
		fprintf(out, "%sc%d", i ? "\t" : "", i + 1);
	putc('\n', out);
	for (i = 0; i < r->ncols; i++) {
		if (i)
			putc('\t', out);
		tsv_put(out, r->field[i], r->flen[i]);
	}
	putc('\n', out);
	fclose(out);
	in = fuzz_open_input((const uint8_t *)p, len);
	if (tsv_open(&back, in, "roundtrip") < 0 || back.ncols != r->ncols)
		fuzz_fail("the header does not read back");
	if (tsv_read_row(&back) != 1)
		fuzz_fail("line %ld: the row does not read back", r->lineno);
	for (i = 0; i < r->ncols; i++)
		if (back.flen[i] != r->flen[i] || memcmp(back.field[i], r->field[i], r->flen[i]) != 0)
			fuzz_fail("line %ld: field %d reads back different", r->lineno, i + 1);
	if (tsv_read_row(&back) != 0)
		fuzz_fail("line %ld: one row reads back as more", r->lineno);
	tsv_close(&back);
	fclose(in);
	free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const want[] = {"page", "line", "text"};
	struct tsv_reader r;
	FILE *fp;
	int idx[3], rc, i;
	long rows = 0;

	if (size < 1)
		return 0;
	gz_read_chunk = chunks[data[0] % (sizeof chunks / sizeof chunks[0])];
	fp = fuzz_open_input(data + 1, size - 1);
	if (tsv_open(&r, fp, "fuzz") < 0) {
		tsv_close(&r);
		fclose(fp);
		gz_read_chunk = 65536;
		return 0;
	}
	if (r.ncols < 1)
		fuzz_fail("a header of %d columns", r.ncols);
	for (i = 0; i < r.ncols; i++)
		if (r.names[i] == NULL || r.names[i][0] == '\0')
			fuzz_fail("header column %d has no name", i + 1);
	(void)tsv_require(&r, want, 3, idx);
	while ((rc = tsv_read_row(&r)) > 0) {
		for (i = 0; i < r.ncols; i++) {
			if (r.field[i][r.flen[i]] != '\0')
				fuzz_fail("line %ld: field %d is not terminated", r.lineno, i + 1);
			if (!fuzz_is_utf8(r.field[i], r.flen[i]))
				fuzz_fail("line %ld: field %d is not UTF-8", r.lineno, i + 1);
		}
		/* Round trips cost a stream each: the first rows suffice. */
		if (rows++ < 4)
			roundtrip(&r);
	}
	if (rc == 0 && ferror(fp))
		fuzz_fail("end of input reported on a read error");
	tsv_close(&r);
	fclose(fp);
	gz_read_chunk = 65536;
	return 0;
}
