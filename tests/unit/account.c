/*
 * account: checks that ocr-clean lost nothing.  Given the raw input, the
 * clean stream and the --dropped stream:
 *
 * - every non-blank input line (or piece of an overlong one) is either
 *   dropped, listed with its text as decoded, or stands, normalised, in
 *   the kept paragraphs, in input order; the kept paragraphs hold
 *   nothing else;
 * - each kept paragraph starts at the start of an input line, and its
 *   `line` column is that line's number;
 * - every row of the --dropped stream is one of these lines: the line
 *   it names, with the text it had (a NUL written as U+2400), once;
 *   rewritten lines (docno-brackets, control-characters,
 *   invalid-bytes) are kept lines, the others dropped ones.
 *
 * Spaces and bracket look-alikes are ignored when kept text is
 * compared: this checks accounting, not repairs.
 *
 * usage: account RAW CLEAN.tsv DROPPED.tsv
 *        account -r REPORT.tsv CLEAN.tsv DROPPED.tsv RAW...
 *
 * The second form checks many inputs cleaned by one run of ocr-clean
 * (ocr-clean --report REPORT --dropped DROPPED RAW... > CLEAN): the
 * report's paragraphs and dropped counts tell which rows are whose.
 * Prints a line for each input that fails; exit 0 when all is
 * accounted for.
 */
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

/* Appends s, normalised, without spaces and with brackets made one. */
static void
canon(struct buf *out, const char *s, size_t n)
{
	static struct buf tmp;
	size_t i = 0, len;
	uint32_t c;

	buf_reset(&tmp);
	text_normalize(&tmp, s, n, NULL);
	while (i < tmp.len) {
		len = utf8_decode((const unsigned char *)tmp.p + i, tmp.len - i, &c);
		if (len == 0)
			len = 1, c = UNI_REPLACEMENT;
		i += len;
		if (c == ' ')
			continue;
		if (c == '[' || c == 0x3010 || c == '(' || c == 0xFF08 || c == 0xFF3B)
			c = 0x3014;
		if (c == ']' || c == 0x3011 || c == ')' || c == 0xFF09 || c == 0xFF3D)
			c = 0x3015;
		{
			char e[4];

			buf_add(out, e, utf8_encode(c, e));
		}
	}
}

static const char *const rewrites[] = {"docno-brackets", "control-characters", "invalid-bytes", NULL};

struct para {
	long line;
	size_t off;     /* of its canonical text in kept */
};

struct drop {
	long line;
	int rewrite, used;
	char *orig;
	size_t len;
};

static struct para *paras;
static size_t npara;
static struct buf kept;
static struct drop *drops;
static size_t ndrop;

static void
read_clean(const char *path)
{
	static const char *const cols[] = {"line", "text"};
	struct tsv_reader r;
	FILE *fp;
	int idx[2], rc;
	size_t cap = 0;

	if ((fp = fopen(path, "r")) == NULL || tsv_open(&r, fp, path) < 0 ||
	    tsv_require(&r, cols, 2, idx) < 0)
		exit(2);
	while ((rc = tsv_read_row(&r)) > 0) {
		if (npara == cap) {
			cap = cap ? 2 * cap : 1024;
			paras = erealloc(paras, cap * sizeof *paras);
		}
		paras[npara].line = atol(r.field[idx[0]]);
		paras[npara].off = kept.len;
		npara++;
		canon(&kept, r.field[idx[1]], r.flen[idx[1]]);
	}
	if (rc < 0)
		exit(2);
	tsv_close(&r);
	fclose(fp);
}

static void
read_dropped(const char *path)
{
	static const char *const cols[] = {"line", "reason", "original"};
	struct tsv_reader r;
	FILE *fp;
	int idx[3], rc, i;
	size_t cap = 0;

	if ((fp = fopen(path, "r")) == NULL || tsv_open(&r, fp, path) < 0 ||
	    tsv_require(&r, cols, 3, idx) < 0)
		exit(2);
	while ((rc = tsv_read_row(&r)) > 0) {
		struct drop *d;

		if (ndrop == cap) {
			cap = cap ? 2 * cap : 1024;
			drops = erealloc(drops, cap * sizeof *drops);
		}
		d = &drops[ndrop++];
		d->line = atol(r.field[idx[0]]);
		d->rewrite = 0;
		for (i = 0; rewrites[i]; i++)
			d->rewrite |= strcmp(r.field[idx[1]], rewrites[i]) == 0;
		d->used = 0;
		d->orig = estrndup(r.field[idx[2]], r.flen[idx[2]]);
		d->len = r.flen[idx[2]];
	}
	if (rc < 0)
		exit(2);
	tsv_close(&r);
	fclose(fp);
}

/* The line as the --dropped stream writes it: a NUL as U+2400. */
static void
as_listed(struct buf *out, const char *s, size_t n)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < n; i++)
		if (s[i] == '\0')
			buf_adds(out, "\xE2\x90\x80");
		else
			buf_addc(out, s[i]);
}

/* The unused row of d[0..n) for line `line` with text s, or NULL.
 * Rows come in input order, so the search starts at the first unused
 * one, *lo. */
static struct drop *
find_drop(struct drop *d, size_t n, size_t *lo, long line, const char *s, size_t len)
{
	size_t i;

	while (*lo < n && d[*lo].used)
		++*lo;
	for (i = *lo; i < n; i++)
		if (!d[i].used && d[i].line == line && d[i].len == len && memcmp(d[i].orig, s, len) == 0)
			return &d[i];
	return NULL;
}

/*
 * Checks one input against its paragraphs p[0..np) (canonical text
 * kept[p[0].off..end)) and its rows d[0..nd) of --dropped.  Returns 0,
 * or 1 after a message.
 */
static int
check(const char *raw, const struct para *p, size_t np, size_t end, struct drop *d, size_t nd)
{
	struct buf line = {0}, cl = {0}, listed = {0};
	struct dec dec;
	FILE *fp;
	size_t pos = np ? p[0].off : end, k = 0, i, lo = 0;
	long nkept = 0, ndropped = 0;
	int bad = 0;

	if ((fp = fopen(raw, "rb")) == NULL) {
		printf("%s: cannot open\n", raw);
		return 1;
	}
	if (dec_open(&dec, fp, raw, NULL, 0) < 0) {
		/* Refused (binary): nothing may have come out of it. */
		dec_close(&dec);
		fclose(fp);
		if (np > 0 || nd > 0) {
			printf("%s: refused, yet %zu paragraphs and %zu dropped rows\n", raw, np, nd);
			return 1;
		}
		return 0;
	}
	while (!bad && dec_getline(&dec, &line)) {
		struct drop *row;

		as_listed(&listed, line.p, line.len);
		buf_reset(&cl);
		canon(&cl, line.p, line.len);
		row = find_drop(d, nd, &lo, dec.lineno, listed.p ? listed.p : "", listed.len);
		if (row != NULL && !row->rewrite) {
			row->used = 1;
			ndropped++;
			continue;
		}
		if (row != NULL)
			row->used = 1;
		if (cl.len == 0)
			continue;
		if (pos + cl.len > end || memcmp(kept.p + pos, cl.p, cl.len) != 0) {
			size_t show = end - pos < 60 ? end - pos : 60;

			show = utf8_boundary(kept.p + pos, show);
			printf("%s: line %ld is neither dropped nor kept in order:\n  input: %.*s\n  kept:  %.*s\n",
			    raw, dec.lineno, (int)cl.len, cl.p, (int)show, kept.p + pos);
			bad = 1;
			break;
		}
		/* Paragraphs that start within this line must start with it. */
		for (; !bad && k < np && p[k].off < pos + cl.len; k++) {
			size_t next = k + 1 < np ? p[k + 1].off : end;

			if (next == p[k].off)
				continue;    /* nothing that compares */
			if (p[k].off != pos) {
				printf("%s: paragraph %zu (line %ld) starts inside line %ld\n", raw, k + 1,
				    p[k].line, dec.lineno);
				bad = 1;
			} else if (p[k].line != dec.lineno) {
				printf("%s: paragraph %zu says line %ld, starts on line %ld\n", raw, k + 1,
				    p[k].line, dec.lineno);
				bad = 1;
			}
		}
		pos += cl.len;
		nkept++;
	}
	dec_close(&dec);
	fclose(fp);
	if (!bad && pos != end) {
		printf("%s: the kept text has %zu bytes that no input line accounts for\n", raw, end - pos);
		bad = 1;
	}
	for (i = 0; !bad && i < nd; i++)
		if (!d[i].used) {
			printf("%s: dropped row for line %ld is no line of the input: %.*s\n", raw,
			    d[i].line, (int)(d[i].len < 60 ? d[i].len : utf8_boundary(d[i].orig, 60)), d[i].orig);
			bad = 1;
		}
	buf_free(&line);
	buf_free(&cl);
	buf_free(&listed);
	if (!bad && getenv("ACCOUNT_VERBOSE"))
		printf("%s: %ld lines kept, %ld dropped, all accounted for\n", raw, nkept, ndropped);
	return bad;
}

int
main(int argc, char **argv)
{
	const char *report = NULL;
	char **raws;
	int nraw, i, failed = 0;
	size_t pi = 0, di = 0;

	diag_init("account");
	if (argc == 4) {
		raws = &argv[1];
		nraw = 1;
		read_clean(argv[2]);
		read_dropped(argv[3]);
	} else if (argc >= 6 && strcmp(argv[1], "-r") == 0) {
		report = argv[2];
		read_clean(argv[3]);
		read_dropped(argv[4]);
		raws = &argv[5];
		nraw = argc - 5;
	} else {
		fprintf(stderr, "usage: account RAW CLEAN.tsv DROPPED.tsv\n"
		    "       account -r REPORT.tsv CLEAN.tsv DROPPED.tsv RAW...\n");
		return 2;
	}
	if (report == NULL) {
		failed = check(raws[0], paras, npara, kept.len, drops, ndrop);
		if (!failed)
			printf("%zu paragraphs and %zu dropped rows, all accounted for\n", npara, ndrop);
		return failed;
	}
	{
		static const char *const cols[] = {"source", "paragraphs", "dropped"};
		struct tsv_reader r;
		FILE *fp;
		int idx[3];

		if ((fp = fopen(report, "r")) == NULL || tsv_open(&r, fp, report) < 0 ||
		    tsv_require(&r, cols, 3, idx) < 0)
			return 2;
		for (i = 0; i < nraw; i++) {
			size_t np, nd, end;

			if (tsv_read_row(&r) <= 0 || strcmp(r.field[idx[0]], raws[i]) != 0) {
				printf("%s: no row of its own in %s\n", raws[i], report);
				return 1;
			}
			np = (size_t)atol(r.field[idx[1]]);
			nd = (size_t)atol(r.field[idx[2]]);
			if (pi + np > npara || di + nd > ndrop) {
				printf("%s: the report counts more rows than the streams hold\n", raws[i]);
				return 1;
			}
			end = pi + np < npara ? paras[pi + np].off : kept.len;
			failed += check(raws[i], paras + pi, np, end, drops + di, nd);
			pi += np;
			di += nd;
		}
		tsv_close(&r);
		fclose(fp);
	}
	if (pi != npara || di != ndrop) {
		printf("the streams hold %zu paragraphs and %zu dropped rows the report does not count\n",
		    npara - pi, ndrop - di);
		return 1;
	}
	if (failed == 0)
		printf("%d inputs, %zu paragraphs and %zu dropped rows, all accounted for\n", nraw, npara, ndrop);
	return failed > 0;
}
