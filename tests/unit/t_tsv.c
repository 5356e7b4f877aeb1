/* t_tsv.c: the TSV stream reader and writer of lib/tsv.c, re-fed at
 * every small chunk size. */
#include <unistd.h>

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
	/* A row longer than the read-ahead buffer, between two short
	 * ones, at a few chunk sizes: the buffer grows and the rows
	 * around it read the same. */
	{
		static const char *const sizes[] = {"1", "7", "4096", "65536"};
		size_t j, k;

		ok = 1;
		buf_reset(&big);
		buf_adds(&big, "a\tb\n1\t2\n");
		for (k = 0; k < 100000; k++)
			buf_adds(&big, k % 7 ? "\xE4\xB8\xAD" : "x");
		buf_adds(&big, "\ty\r\nlast\t\xE6\x96\x87\n");
		for (j = 0; j < sizeof sizes / sizeof sizes[0]; j++) {
			gz_read_chunk = (size_t)atol(sizes[j]);
			rows = read_all(big.p, big.len, &last);
			if (rows != 3 || last.len != 8 || memcmp(last.p, "last|\xE6\x96\x87", 8) != 0)
				ok = 0;
		}
		gz_read_chunk = saved;
		test_cond("tsv reads a row longer than its buffer at every chunk size", ok);
	}
	/* The one-pass row scan against the slow way: fields cut at
	 * TABs, NUL bytes and invalid UTF-8 refused, on random mixes of
	 * ASCII, TAB, backslash escapes, 2-, 3- and 4-byte characters
	 * (E0 and ED leads too) and broken sequences. */
	{
		static const char *const bits[] = {
			"a", "12", "\t", "\\t", "\\\\", "\xE4\xB8\xAD", "\xE6\x96\x87\xE5\xAD\x97",
			"\xEF\xBC\x8C", "\xE0\xA4\x85", "\xED\x9F\xBF", "\xC2\xB7", "\xF0\x9F\x98\x80",
			"\xE3\x80\x82", "\xE0\x80\x80", "\xED\xA0\x80", "\xE4\xB8", "\x80", "\xFF",
			" ", "\xE9\xBF\xBF\xE4\xB8\x80\xE4\xB8\x80\xE4\xB8\x80\xE4\xB8\x80",
		};
		unsigned long seed = 12345;
		int t, bad = 0;

		for (t = 0; t < 3000; t++) {
			struct buf line = {0}, in = {0};
			int nb = (int)(seed % 40), want, got, b, ntab = 0, invalid;
			size_t at;

			for (b = 0; b < nb; b++) {
				seed = seed * 1103515245 + 12345;
				/* Mostly valid text; now and then a broken bit. */
				buf_adds(&line, bits[(seed >> 16) % (t % 5 ? 13 : 20)]);
			}
			seed = seed * 1103515245 + 12345;
			for (at = 0; at < line.len; at++)
				ntab += line.p[at] == '\t';
			at = utf8_valid_prefix((const unsigned char *)line.p, line.len, 1);
			invalid = at != line.len;
			{
				/* utf8_valid_prefix, fast paths and all, against
				 * utf8_decode a character at a time. */
				size_t ref = 0, len;
				uint32_t cp;

				while (ref < line.len && (len = utf8_decode((const unsigned char *)line.p + ref,
				    line.len - ref, &cp)) > 0)
					ref += len;
				if (ref != at)
					bad++;
			}
			buf_adds(&in, "h");
			for (b = 0; b < ntab; b++)
				buf_adds(&in, "\th");
			buf_adds(&in, "\n");
			buf_add(&in, line.p, line.len);
			buf_adds(&in, "\n");
			want = invalid ? -1 : 1;
			got = read_all(in.p, in.len, &last);
			if (got != want)
				bad++;
			if (got == 1) {
				/* The fields joined by '|' are the line, TABs
				 * made '|', escapes undone. */
				struct buf exp = {0};

				for (at = 0; at < line.len; at++) {
					char c = line.p[at];

					if (c == '\\') {
						c = line.p[++at];
						c = c == 't' ? '\t' : c;
					} else if (c == '\t') {
						c = '|';
					}
					buf_addc(&exp, c);
				}
				if (exp.len != last.len || memcmp(exp.p, last.p, exp.len) != 0)
					bad++;
				buf_free(&exp);
			}
			buf_free(&line);
			buf_free(&in);
		}
		test_cond("tsv row scan and utf8_valid_prefix agree with utf8_decode and the escapes", bad == 0);
	}
	/* Rows as the reader's vector step meets them: 0 to 40 bytes of
	 * ASCII (so that the TABs after them fall at every offset of a
	 * 32-byte step), a TAB, then 0 to 300 bytes of Chinese (runs checked
	 * 48 bytes at a time), with a TAB, a stray continuation byte, a
	 * surrogate or a 4-byte character put at an offset in it; the row
	 * last in the input, with its LF or without. */
	{
		static const char *const put[] = {"", "\t", "\x80", "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\t\t"};
		int bad = 0, eol, got, want, fd2 = dup(2);
		FILE *null = fopen("/dev/null", "w");
		size_t pre, han, k, at, ntab;

		fflush(stderr);
		if (null != NULL)
			dup2(fileno(null), 2);    /* the messages are not looked at here */
		for (pre = 0; pre <= 40; pre++) {
			for (han = 0; han <= 300; han += han < 120 ? 3 : 27) {
				for (k = 0; k < sizeof put / sizeof *put; k++) {
					struct buf line = {0}, in = {0}, exp = {0};

					for (at = 0; at < pre; at++)
						buf_addc(&line, (char)('a' + at % 26));
					buf_addc(&line, '\t');
					for (at = 0; at < han; at += 3)
						buf_adds(&line, at % 48 == 45 ? "\xEF\xBC\x8C" : "\xE4\xB8\xAD");
					/* At a character boundary: offset (pre * 7) mod
					 * the run, in characters. */
					at = pre + 1 + (han ? (pre * 7 % (han / 3 + 1)) * 3 : 0);
					buf_reset(&exp);
					buf_add(&exp, line.p, at);
					buf_adds(&exp, put[k]);
					buf_add(&exp, line.p + at, line.len - at);
					ntab = 0;
					for (at = 0; at < exp.len; at++)
						ntab += exp.p[at] == '\t';
					buf_adds(&in, "h");
					for (at = 0; at < ntab; at++)
						buf_adds(&in, "\th");
					buf_adds(&in, "\n");
					buf_add(&in, exp.p, exp.len);
					want = utf8_valid_prefix((const unsigned char *)exp.p, exp.len, 1) == exp.len ? 1 : -1;
					for (eol = 0; eol < 2; eol++) {
						if (eol)
							buf_addc(&in, '\n');
						got = read_all(in.p, in.len, &last);
						if (got != want)
							bad++;
						if (got == 1) {
							for (at = 0; at < exp.len; at++)
								if (exp.p[at] == '\t')
									exp.p[at] = '|';
							if (exp.len != last.len || memcmp(exp.p, last.p, exp.len) != 0)
								bad++;
							for (at = 0; at < exp.len; at++)
								if (exp.p[at] == '|')
									exp.p[at] = '\t';
						}
					}
					buf_free(&line);
					buf_free(&in);
					buf_free(&exp);
				}
			}
		}
		fflush(stderr);
		dup2(fd2, 2);
		close(fd2);
		if (null != NULL)
			fclose(null);
		test_cond("tsv reads TABs at every offset, long Chinese runs and bad bytes in them, last rows", bad == 0);
	}
	/* The message about a bad line names the same byte whether the
	 * vector scan or read_fields meets it: a broken or rare sequence
	 * (or a NUL) at every offset from 0 to 120, after Chinese text,
	 * ASCII or a mix, at the end of the line or before more text. */
	{
		static const char *const breaks[] = {
			"\xE4\xB8", "\xE0\x80\x80", "\xED\xA0\x80", "\xC0\x80", "\xC1\xBF", "\x80",
			"\xFF", "\xF4\x90\x80\x80", "\xF5\x80", "\xE4", "\xF0\x9F\x98", "", "\xF0\x9F\x98\x80",
			"\xE0\xA4\x85", "\xED\x9F\xBF",
		};
		static const char *const fill[] = {"\xE4\xB8\xAD", "a", "7\xE6\x96\x87"};
		FILE *cap = tmpfile();
		int fd2 = dup(2), bad = 0, fb, nul;
		size_t b, at, off, j, valid;
		char msg[200], want[100];

		for (b = 0; b < sizeof breaks / sizeof *breaks + 1; b++) {
			for (fb = 0; fb < 3; fb++) {
				for (off = 0; off <= 120; off++) {
					struct buf line = {0}, in = {0};
					const char *brk = b < sizeof breaks / sizeof *breaks ? breaks[b] : "";

					while (line.len < off)
						buf_adds(&line, fill[fb]);
					line.len = off;    /* may cut a character: a break too */
					if (b == sizeof breaks / sizeof *breaks)
						buf_addc(&line, '\0');
					else
						buf_adds(&line, brk);
					if (off % 2)
						for (j = 0; j < 20; j++)
							buf_adds(&line, "\xE4\xB8\xAD");
					buf_adds(&in, "h\tj\nx\t");
					buf_add(&in, line.p, line.len);
					buf_adds(&in, "\n");
					nul = memchr(line.p, '\0', line.len) != NULL;
					valid = utf8_valid_prefix((const unsigned char *)line.p, line.len, 1);
					if (nul)
						snprintf(want, sizeof want, "NUL byte in line");
					else if (valid < line.len)
						snprintf(want, sizeof want, "invalid UTF-8 at byte %zu of", valid + 3);
					else
						want[0] = '\0';
					fflush(stderr);
					if (ftruncate(fileno(cap), 0) != 0)
						bad++;
					rewind(cap);
					dup2(fileno(cap), 2);
					at = (size_t)read_all(in.p, in.len, &last);
					fflush(stderr);
					dup2(fd2, 2);
					rewind(cap);
					msg[fread(msg, 1, sizeof msg - 1, cap)] = '\0';
					if (want[0] ? strstr(msg, want) == NULL || at != (size_t)-1 :
					    msg[0] != '\0' || at != 1)
						bad++;
					buf_free(&line);
					buf_free(&in);
				}
			}
		}
		close(fd2);
		fclose(cap);
		test_cond("tsv names the same bad byte, or NUL, wherever it falls", bad == 0);
	}
	/* csv_put quotes exactly the fields that hold a comma, a double
	 * quote, CR or LF, or start or end with a space or TAB, wherever
	 * the byte falls among the words it reads at a time. */
	{
		static const char *const bits[] = {
			"a", "\xE4\xB8\xAD\xE6\x96\x87", ",", "\"", "\n", "\r", " ", "\t", "\x01", "7",
		};
		unsigned long seed = 99;
		int t, bad = 0;

		for (t = 0; t < 3000; t++) {
			struct buf f = {0}, got = {0}, want = {0};
			int nb = (int)(seed % 30), b;
			size_t k, quote = 0;

			for (b = 0; b < nb; b++) {
				seed = seed * 1103515245 + 12345;
				buf_adds(&f, bits[(seed >> 16) % (t % 3 ? 2 : 10)]);
			}
			seed = seed * 1103515245 + 12345;
			for (k = 0; k < f.len; k++)
				quote |= f.p[k] == ',' || f.p[k] == '"' || f.p[k] == '\n' || f.p[k] == '\r';
			if (f.len > 0 && (f.p[0] == ' ' || f.p[0] == '\t' ||
			    f.p[f.len - 1] == ' ' || f.p[f.len - 1] == '\t'))
				quote = 1;
			if (quote) {
				buf_addc(&want, '"');
				for (k = 0; k < f.len; k++) {
					if (f.p[k] == '"')
						buf_addc(&want, '"');
					buf_addc(&want, f.p[k]);
				}
				buf_addc(&want, '"');
			} else {
				buf_add(&want, f.p, f.len);
			}
			csv_put(&got, f.p, f.len);
			if (got.len != want.len || (got.len > 0 && memcmp(got.p, want.p, got.len) != 0))
				bad++;
			buf_free(&f);
			buf_free(&got);
			buf_free(&want);
		}
		test_cond("csv_put quotes what needs it, wherever it falls", bad == 0);
	}
	/* tsv_put round trips fields of every length, whatever special
	 * bytes they hold and wherever. */
	{
		static const char *const bits[] = {
			"a", "\xE4\xB8\xAD", "\t", "\n", "\r", "\\", "\x01", "7",
		};
		unsigned long seed = 7;
		int t, bad = 0;

		for (t = 0; t < 2000; t++) {
			struct buf f = {0}, back = {0};
			int nb = (int)(seed % 90), b;
			char *mem = NULL;
			size_t memlen = 0;
			FILE *fp = open_memstream(&mem, &memlen);

			for (b = 0; b < nb; b++) {
				seed = seed * 1103515245 + 12345;
				buf_adds(&f, bits[(seed >> 16) % (t % 3 ? 2 : 8)]);
			}
			seed = seed * 1103515245 + 12345;
			fputs("f\n", fp);
			tsv_put(fp, f.p ? f.p : "", f.len);
			putc('\n', fp);
			fclose(fp);
			if (read_all(mem, memlen, &back) != 1 || back.len != f.len ||
			    (f.len > 0 && memcmp(back.p, f.p, f.len) != 0))
				bad++;
			free(mem);
			buf_free(&f);
			buf_free(&back);
		}
		test_cond("tsv_put round trips fields of every length", bad == 0);
	}
	buf_free(&last);
	buf_free(&big);
	buf_free(&out);
}
