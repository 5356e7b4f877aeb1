/*
 * to-csv: a gazette TSV stream to CSV (RFC 4180).
 *
 * Each operand is a stream with its own header; the columns written are
 * those of -c, or else those of the first stream, found by name in every
 * stream.  Fields are quoted only when they hold a comma, a double quote
 * or a line break.
 */
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

static const char usage[] =
    "to-csv [--bom] [--crlf] [-c columns] [--no-header] [--to-code enc] [file ...]";

enum { OPT_BOM = 256, OPT_CRLF, OPT_TO_CODE, OPT_NO_HEADER };

static const struct gz_opt options[] = {
	{OPT_BOM, "bom", 0, NULL, "start with a byte order mark (for Excel)"},
	{OPT_CRLF, "crlf", 0, NULL, "end records with CR LF"},
	{'c', "columns", 1, "a,b,c", "write these columns, in this order"},
	{OPT_NO_HEADER, "no-header", 0, NULL, "leave out the header record"},
	{OPT_TO_CODE, "to-code", 1, "ENC", "encode the output in ENC (e.g. GB18030)"},
	{0, NULL, 0, NULL, NULL}
};

static int opt_bom, opt_crlf, opt_no_header;
static const char *opt_columns, *opt_to_code;

static void
handle(int val, const char *arg)
{
	switch (val) {
	case OPT_BOM: opt_bom = 1; break;
	case OPT_CRLF: opt_crlf = 1; break;
	case 'c': opt_columns = arg; break;
	case OPT_NO_HEADER: opt_no_header = 1; break;
	case OPT_TO_CODE: opt_to_code = arg; break;
	}
}

/* The output columns: from -c, or the first stream's header. */
static char **cols;
static int ncols;
static int *idx;

static void
set_columns_from_list(const char *list)
{
	const char *p = list;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n == 0) {
			diag_msg(NULL, 0, "empty column name in -c %s", list);
			opts_usage(usage);
		}
		cols = erealloc(cols, (size_t)(ncols + 1) * sizeof *cols);
		cols[ncols++] = estrndup(p, n);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
}

static struct enc_out enc;
static struct buf rec;
static int header_done;

/* Ends the record in rec and writes it in the output encoding; returns
 * 0, or -1 after a message naming the character that cannot be encoded.
 * UTF-8 output needs no conversion that could fail: records gather in
 * rec and go out 64 KB at a time (flush() writes the rest), one fwrite
 * for many records. */
static int
emit(const char *src, long line)
{
	size_t bad;

	if (opt_crlf)
		buf_add(&rec, "\r\n", 2);
	else
		buf_addc(&rec, '\n');
	if (enc.cd == NULL && rec.len < 65536)
		return 0;
	if (encout_write(&enc, stdout, rec.p, rec.len, &bad) < 0) {
		uint32_t cp = 0;

		utf8_decode((const unsigned char *)rec.p + bad, rec.len - bad, &cp);
		diag_msg(src, line, "U+%04X cannot be encoded in %s", (unsigned)cp, enc.name);
		return -1;
	}
	buf_reset(&rec);
	return 0;
}

/* Writes the records gathered in rec. */
static void
flush(void)
{
	size_t bad;

	if (rec.len > 0)
		encout_write(&enc, stdout, rec.p, rec.len, &bad);
	buf_reset(&rec);
}

/* Whether the output columns are the stream's, in order. */
static int in_order;

/* Appends the row to rec as one copy when its fields lie in order, one
 * NUL apart, in the reader's line (no escape has shrunk them) and none
 * needs quoting: the NULs become commas.  Returns 0, having appended
 * nothing, for any other row.  The reader tells of most such rows
 * (csv_plain) as it splits them. */
static int
put_plain_row(const struct tsv_reader *r)
{
	const char *s = r->field[0], *f;
	size_t n, i, m, last = (size_t)ncols - 1;
	char *p;

	if (!r->csv_plain) {
		for (i = 0; i < last; i++)
			if (r->field[i + 1] != r->field[i] + r->flen[i] + 1)
				return 0;
		/* A field that starts or ends with a space or TAB is
		 * quoted. */
		for (i = 0; i <= last; i++) {
			f = r->field[i];
			if ((m = r->flen[i]) > 0 && (f[0] == ' ' || f[0] == '\t' ||
			    f[m - 1] == ' ' || f[m - 1] == '\t'))
				return 0;
		}
	}
	n = (size_t)(r->field[last] + r->flen[last] - s);
	if (!r->csv_plain && csv_plain_len(s, n) != n)
		return 0;
	buf_reserve(&rec, n + 2);
	p = rec.p + rec.len;
	memcpy(p, s, n);
	for (i = 0; i < last; i++)
		p[r->field[i] + r->flen[i] - s] = ',';
	rec.len += n;
	return 1;
}

/* Converts one stream; returns an exit status. */
static int
convert(FILE *fp, const char *src)
{
	struct tsv_reader r;
	int rc, i, status = EXIT_OK;

	if (tsv_open(&r, fp, src) < 0) {
		status = r.ioerr ? EXIT_USAGE : EXIT_DATA;
		tsv_close(&r);
		return status;
	}
	r.csv = 1;
	if (cols == NULL) {
		ncols = r.ncols;
		cols = ecalloc((size_t)ncols, sizeof *cols);
		for (i = 0; i < ncols; i++)
			cols[i] = estrdup(r.names[i]);
	}
	if (idx == NULL)
		idx = ecalloc((size_t)ncols, sizeof *idx);
	if (tsv_require(&r, (const char *const *)cols, ncols, idx) < 0) {
		tsv_close(&r);
		return EXIT_DATA;
	}
	if (!header_done && !opt_no_header) {
		for (i = 0; i < ncols; i++) {
			if (i)
				buf_addc(&rec, ',');
			csv_put(&rec, cols[i], strlen(cols[i]));
		}
		if (emit(src, 1) < 0) {
			tsv_close(&r);
			return EXIT_DATA;
		}
	}
	header_done = 1;
	in_order = ncols == r.ncols;
	for (i = 0; i < ncols; i++)
		in_order &= idx[i] == i;
	while ((rc = tsv_read_row(&r)) > 0) {
		if (!in_order || !put_plain_row(&r)) {
			for (i = 0; i < ncols; i++) {
				if (i)
					buf_addc(&rec, ',');
				csv_put(&rec, r.field[idx[i]], r.flen[idx[i]]);
			}
		}
		if (emit(src, r.lineno) < 0) {
			status = EXIT_DATA;
			break;
		}
		if (ferror(stdout))
			break;
	}
	if (rc < 0)
		status = r.ioerr ? EXIT_USAGE : EXIT_DATA;
	tsv_close(&r);
	return status;
}

int
main(int argc, char **argv)
{
	int i, status;

	diag_init(argv[0]);
	i = opts_parse(argc, argv, options, usage,
	    "Convert a gazette TSV stream to CSV (RFC 4180).", handle);
	if (opt_columns)
		set_columns_from_list(opt_columns);
	if (encout_open(&enc, opt_to_code) < 0)
		return EXIT_USAGE;
	if (opt_bom) {
		buf_add(&rec, "\xEF\xBB\xBF", 3);
		{
			size_t bad;

			encout_write(&enc, stdout, rec.p, rec.len, &bad);
			buf_reset(&rec);
		}
	}
	status = gz_foreach_file(argc, argv, i, convert);
	flush();
	encout_close(&enc);
	buf_free(&rec);
	return diag_finish(status);
}
