/* t_tsv.c: the TSV stream reader and writer of lib/tsv.c, re-fed at
 * every small chunk size. */

static FILE *
memfile(const char *s, size_t n)
{
	FILE *fp = fmemopen((void *)s, n, "r");

	if (fp == NULL) {
		perror("fmemopen");
		exit(2);
	}
	return fp;
}

/* Reads the whole stream; returns rows read, or -1 on error, and the
 * fields of the last row joined by '|'. */
static int
read_all(const char *s, size_t n, struct buf *last)
{
	struct tsv_reader r;
	FILE *fp = memfile(s, n);
	int rc, rows = 0, i;

	if (tsv_open(&r, fp, "t") < 0) {
		tsv_close(&r);
		fclose(fp);
		return -1;
	}
	while ((rc = tsv_read_row(&r)) > 0) {
		rows++;
		buf_reset(last);
		for (i = 0; i < r.ncols; i++) {
			if (i)
				buf_addc(last, '|');
			buf_add(last, r.field[i], r.flen[i]);
		}
	}
	tsv_close(&r);
	fclose(fp);
	return rc < 0 ? -1 : rows;
}

static void
test_tsv(void)
{
	static const char good[] = "a\tb\tc\nx\\ty\t\\n\t\\\\\n1\t2\t3";
	static const struct {
		const char *in;
		int rows;          /* -1: an error */
		const char *last;
	} cases[] = {
		{"a\tb\n1\t2\n", 1, "1|2"},
		{"a\tb\r\n1\t2\r\n", 1, "1|2"},
		{"a\tb\n\t\n", 1, "|"},
		{"a\tb\n1\\q\t2\n", -1, ""},         /* invalid escape */
		{"a\tb\n1\t2\\\n", -1, ""},          /* backslash at end */
		{"a\tb\tc\n1\t2\n", -1, ""},         /* ragged: too few */
		{"a\tb\n1\t2\t3\n", -1, ""},         /* ragged: too many */
		{"a\tb\n1\xFF\t2\n", -1, ""},        /* invalid UTF-8 */
		{"", -1, ""},                        /* no header */
		{"a\t\tb\n", -1, ""},                /* a header column without a name */
		{"\xEF\xBB\xBF" "a\tb\n", -1, ""},   /* a CSV-style BOM */
	};
	struct buf last = {0}, big = {0}, out = {0};
	char descr[160];
	size_t chunk, i;
	int rows, ok = 1;
	size_t saved = gz_read_chunk;

	for (chunk = 1; chunk <= 13; chunk++) {
		gz_read_chunk = chunk;
		rows = read_all(good, sizeof good - 1, &last);
		if (rows != 2 || last.len != 5 || memcmp(last.p, "1|2|3", 5) != 0)
			ok = 0;
	}
	gz_read_chunk = saved;
	test_cond("tsv reads the same rows at every chunk size from 1 to 13", ok);
	{
		struct tsv_reader r;
		FILE *fp = memfile(good, sizeof good - 1);
		static const char *const want[] = {"c", "a"}, *const bad[] = {"a", "zz", "yy"};
		int idx[3];

		tsv_open(&r, fp, "t");
		test_cond("tsv_require finds columns by name",
		    tsv_require(&r, want, 2, idx) == 0 && idx[0] == 2 && idx[1] == 0);
		test_cond("tsv_require fails on missing columns", tsv_require(&r, bad, 3, idx) < 0);
		test_cond("tsv_column returns -1 for an unknown name", tsv_column(&r, "q") == -1);
		tsv_read_row(&r);
		test_str("tsv unescapes \\t", r.field[0], r.flen[0], "x\ty");
		test_str("tsv unescapes \\n", r.field[1], r.flen[1], "\n");
		test_str("tsv unescapes \\\\", r.field[2], r.flen[2], "\\");
		tsv_close(&r);
		fclose(fp);
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&last);
		rows = read_all(cases[i].in, strlen(cases[i].in), &last);
		snprintf(descr, sizeof descr, "tsv case %zu: %s", i,
		    cases[i].rows < 0 ? "an error" : "read");
		test_cond(descr, rows == cases[i].rows &&
		    (rows < 0 || (last.len == strlen(cases[i].last) &&
		    memcmp(last.p, cases[i].last, last.len) == 0)));
	}
	/* The line cap: one byte over is an error, not a 300 MB buffer. */
	buf_adds(&big, "a\n");
	buf_reserve(&big, TSV_LINE_MAX + 16);
	memset(big.p + big.len, 'x', TSV_LINE_MAX + 1);
	big.len += TSV_LINE_MAX + 1;
	buf_addc(&big, '\n');
	test_cond("tsv refuses a line over TSV_LINE_MAX", read_all(big.p, big.len, &last) < 0);
	big.len = 2 + TSV_LINE_MAX;
	buf_addc(&big, '\n');
	test_cond("tsv takes a line of exactly TSV_LINE_MAX", read_all(big.p, big.len, &last) == 1);

	/* tsv_put escapes what the reader unescapes. */
	{
		static const char field[] = "tab\there\nnew\rcr\\back";
		char *mem = NULL;
		size_t memlen = 0;
		FILE *fp = open_memstream(&mem, &memlen);

		fputs("f\n", fp);
		tsv_put(fp, field, sizeof field - 1);
		putc('\n', fp);
		fclose(fp);
		test_str("tsv_put escapes TAB, LF, CR and backslash", mem + 2, memlen - 3,
		    "tab\\there\\nnew\\rcr\\\\back");
		read_all(mem, memlen, &out);
		test_cond("tsv_put output reads back to the same field",
		    out.len == sizeof field - 1 && memcmp(out.p, field, out.len) == 0);
		free(mem);
	}
	buf_free(&last);
	buf_free(&big);
	buf_free(&out);
}
