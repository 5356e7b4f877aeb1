/* tsv.c: the stream format between the tools (SPEC "Streams"): UTF-8,
 * LF, a header row of column names, TAB between fields, no quoting, and
 * \t \n \r \\ inside a field. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

#define TSV_CHUNK 65536

/* Reads one line (without LF) into r->line; returns 1, 0 at end of
 * input, -1 after a message.  Reads in chunks and caps the length, so a
 * 300 MB line costs TSV_LINE_MAX of memory, not 300 MB. */
static int
read_line(struct tsv_reader *r)
{
	size_t take;
	char *nl;

	buf_reset(&r->line);
	for (;;) {
		if (r->chunkpos == r->chunklen) {
			if (r->chunk == NULL)
				r->chunk = emalloc(TSV_CHUNK);
			r->chunkpos = 0;
			r->chunklen = fread(r->chunk, 1,
			    gz_read_chunk < TSV_CHUNK ? gz_read_chunk : TSV_CHUNK, r->fp);
			if (r->chunklen == 0) {
				if (ferror(r->fp)) {
					diag_msg(r->src, r->lineno + 1, "read error: %s",
					    strerror(errno));
					r->ioerr = 1;
					return -1;
				}
				if (r->line.len == 0)
					return 0;
				break;    /* a last line without LF */
			}
		}
		nl = memchr(r->chunk + r->chunkpos, '\n', r->chunklen - r->chunkpos);
		take = nl ? (size_t)(nl - (r->chunk + r->chunkpos)) : r->chunklen - r->chunkpos;
		if (r->line.len + take > TSV_LINE_MAX) {
			diag_msg(r->src, r->lineno + 1, "line longer than %u bytes", TSV_LINE_MAX);
			return -1;
		}
		buf_add(&r->line, r->chunk + r->chunkpos, take);
		r->chunkpos += take;
		if (nl) {
			r->chunkpos++;
			break;
		}
	}
	r->lineno++;
	if (r->line.len > 0 && r->line.p[r->line.len - 1] == '\r')
		r->line.len--;    /* tolerate CRLF from an editor */
	if (memchr(r->line.p, '\0', r->line.len) != NULL) {
		diag_msg(r->src, r->lineno, "NUL byte in line; not a gazette stream");
		return -1;
	}
	{
		size_t ok = utf8_valid_prefix((const unsigned char *)r->line.p, r->line.len, 1);

		if (ok != r->line.len) {
			diag_msg(r->src, r->lineno, "invalid UTF-8 at byte %zu of the line", ok + 1);
			return -1;
		}
	}
	return 1;
}

/* Splits r->line into unescaped fields; returns their number, or -1
 * after a message about a bad escape. */
static int
split_fields(struct tsv_reader *r, int want)
{
	const char *s = r->line.p, *end = s + r->line.len;
	size_t start = 0;
	int n = 0;

	buf_reset(&r->fields);
	buf_reserve(&r->fields, r->line.len + 1);
	for (;;) {
		const char *p, *tab;

		/* Copy the plain run up to the next TAB or backslash. */
		tab = memchr(s, '\t', (size_t)(end - s));
		if (tab == NULL)
			tab = end;
		p = memchr(s, '\\', (size_t)(tab - s));
		if (p == NULL)
			p = tab;
		buf_add(&r->fields, s, (size_t)(p - s));
		if (p < end && *p == '\\') {
			char c;

			if (p + 1 == end) {
				diag_msg(r->src, r->lineno, "field %d: backslash at end of line", n + 1);
				return -1;
			}
			switch (p[1]) {
			case 't': c = '\t'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case '\\': c = '\\'; break;
			default:
				diag_msg(r->src, r->lineno, "field %d: invalid escape \\%c", n + 1,
				    (unsigned char)p[1] >= 0x20 && (unsigned char)p[1] < 0x7F ? p[1] : '?');
				return -1;
			}
			buf_addc(&r->fields, c);
			s = p + 2;
			continue;
		}
		/* End of a field. */
		if (n < want) {
			r->flen[n] = r->fields.len - start;
		}
		buf_addc(&r->fields, '\0');
		n++;
		start = r->fields.len;
		if (p >= end)
			break;
		s = p + 1;
	}
	if (n == want) {
		size_t off = 0;
		int i;

		for (i = 0; i < n; i++) {
			r->field[i] = r->fields.p + off;
			off += r->flen[i] + 1;
		}
	}
	return n;
}

int
tsv_open(struct tsv_reader *r, FILE *fp, const char *src)
{
	int rc, n, i;
	size_t off;

	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->src = src;
	rc = read_line(r);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		diag_msg(src, 0, "empty input: no header row");
		return -1;
	}
	if (r->line.len >= 3 && memcmp(r->line.p, "\xEF\xBB\xBF", 3) == 0) {
		diag_msg(src, 1, "header starts with a byte order mark; not a gazette stream");
		return -1;
	}
	/* The header is split with a generous field count, then kept. */
	r->ncols = 1;
	for (off = 0; off < r->line.len; off++)
		r->ncols += r->line.p[off] == '\t';
	r->field = ecalloc((size_t)r->ncols, sizeof *r->field);
	r->flen = ecalloc((size_t)r->ncols, sizeof *r->flen);
	n = split_fields(r, r->ncols);
	if (n < 0)
		return -1;
	r->names = ecalloc((size_t)r->ncols, sizeof *r->names);
	for (i = 0; i < r->ncols; i++) {
		if (r->flen[i] == 0) {
			diag_msg(src, 1, "header column %d has no name", i + 1);
			return -1;
		}
		r->names[i] = estrndup(r->field[i], r->flen[i]);
	}
	return 0;
}

int
tsv_column(const struct tsv_reader *r, const char *name)
{
	int i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return i;
	return -1;
}

int
tsv_require(struct tsv_reader *r, const char *const *names, int n, int *idx)
{
	struct buf miss = {0};
	int i, nmiss = 0;

	for (i = 0; i < n; i++) {
		idx[i] = tsv_column(r, names[i]);
		if (idx[i] < 0) {
			if (nmiss++)
				buf_adds(&miss, ", ");
			buf_adds(&miss, names[i]);
		}
	}
	if (nmiss) {
		diag_msg(r->src, 1, "missing column%s: %s", nmiss > 1 ? "s" : "", buf_cstr(&miss));
		buf_free(&miss);
		return -1;
	}
	return 0;
}

int
tsv_read_row(struct tsv_reader *r)
{
	int rc, n;

	rc = read_line(r);
	if (rc <= 0)
		return rc;
	n = split_fields(r, r->ncols);
	if (n < 0)
		return -1;
	if (n != r->ncols) {
		diag_msg(r->src, r->lineno, "row has %d field%s, header has %d", n,
		    n == 1 ? "" : "s", r->ncols);
		return -1;
	}
	return 1;
}

void
tsv_close(struct tsv_reader *r)
{
	int i;

	for (i = 0; r->names && i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->field);
	free(r->flen);
	free(r->chunk);
	buf_free(&r->line);
	buf_free(&r->fields);
	memset(r, 0, sizeof *r);
}

void
tsv_put(FILE *fp, const char *s, size_t n)
{
	const char *p, *end;

	if (n == 0)
		return;
	p = s;
	end = s + n;
	/* Most fields hold none of the four special bytes: four memchr
	 * passes, which are fast, prove it and one fwrite writes them. */
	if (memchr(s, '\t', n) == NULL && memchr(s, '\\', n) == NULL &&
	    memchr(s, '\n', n) == NULL && memchr(s, '\r', n) == NULL) {
		fwrite(s, 1, n, fp);
		return;
	}
	while (p < end) {
		const char *q = p;

		/* All four special bytes are below 0x60 and not printable
		 * letters; one comparison skips most text. */
		while (q < end && ((unsigned char)*q > '\\' ||
		    (*q != '\t' && *q != '\n' && *q != '\r' && *q != '\\')))
			q++;
		if (q > p)
			fwrite(p, 1, (size_t)(q - p), fp);
		if (q == end)
			break;
		putc('\\', fp);
		putc(*q == '\t' ? 't' : *q == '\n' ? 'n' : *q == '\r' ? 'r' : '\\', fp);
		p = q + 1;
	}
}

void
tsv_put_num(FILE *fp, long v)
{
	char d[24], *p = d + sizeof d;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	fwrite(p, 1, (size_t)(d + sizeof d - p), fp);
}

void
tsv_put_header(FILE *fp, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			putc('\t', fp);
		fputs(names[i], fp);
	}
	putc('\n', fp);
}

int
tsv_start(struct tsv_reader *r, FILE *fp, const char *src, const char *const *names, int n, int *idx)
{
	int status;

	if (tsv_open(r, fp, src) == 0 && tsv_require(r, names, n, idx) == 0)
		return EXIT_OK;
	status = r->ioerr ? EXIT_USAGE : EXIT_DATA;
	tsv_close(r);
	return status;
}

/* Holds a row of the document being read. */
static void
doc_hold(struct doc_stream *ds, const struct tsv_reader *r)
{
	struct doc_row *w;

	if (ds->nrows == ds->caprows) {
		ds->caprows = ds->caprows ? ds->caprows * 2 : 256;
		ds->rows = erealloc(ds->rows, ds->caprows * sizeof *ds->rows);
	}
	w = &ds->rows[ds->nrows++];
	w->page = atoi(r->field[ds->page]);
	w->line = atol(r->field[ds->line]);
	w->kind_off = ds->arena.len;
	buf_add(&ds->arena, r->field[ds->kind], r->flen[ds->kind] + 1);    /* with its NUL */
	w->off = ds->arena.len;
	w->len = r->flen[ds->text];
	buf_add(&ds->arena, r->field[ds->text], w->len);
	if (ds->docno.len == 0 && strcmp(r->field[ds->kind], "docno") == 0)
		docnum_canon(r->field[ds->text], r->flen[ds->text], &ds->docno);
}

/* Ends the document held: end(), then forgets its rows. */
static void
doc_end(struct doc_stream *ds, void (*end)(void))
{
	end();
	ds->nrows = 0;
	buf_reset(&ds->arena);
	buf_reset(&ds->docno);
}

int
doc_stream_read(struct doc_stream *ds, FILE *fp, const char *src,
    void (*row)(const struct tsv_reader *), void (*end)(void))
{
	static const char *const need[] = {"source", "doc", "page", "line", "kind", "text"};
	struct tsv_reader r;
	int idx[6], rc, status;

	if ((status = tsv_start(&r, fp, src, need, 6, idx)) != EXIT_OK)
		return status;
	ds->source = idx[0];
	ds->doc = idx[1];
	ds->page = idx[2];
	ds->line = idx[3];
	ds->kind = idx[4];
	ds->text = idx[5];
	while ((rc = tsv_read_row(&r)) > 0) {
		int doc = atoi(r.field[ds->doc]);
		size_t n = r.flen[ds->source];

		if (doc != ds->cur_doc || ds->cur_source.len != n ||
		    memcmp(ds->cur_source.p, r.field[ds->source], n) != 0) {
			doc_end(ds, end);
			buf_reset(&ds->cur_source);
			buf_add(&ds->cur_source, r.field[ds->source], n);
			ds->cur_doc = doc;
		}
		if (doc > 0) {
			doc_hold(ds, &r);
			if (row != NULL)
				row(&r);
		}
		if (ferror(stdout))
			break;
	}
	doc_end(ds, end);
	ds->cur_doc = -1;
	if (rc < 0)
		status = r.ioerr ? EXIT_USAGE : EXIT_DATA;
	tsv_close(&r);
	return status;
}

void
doc_stream_free(struct doc_stream *ds)
{
	buf_free(&ds->cur_source);
	buf_free(&ds->arena);
	buf_free(&ds->docno);
	free(ds->rows);
	ds->rows = NULL;
	ds->nrows = ds->caprows = 0;
	ds->cur_doc = -1;
}
