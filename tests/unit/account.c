/*
 * account: checks that ocr-clean lost nothing.  Given the raw input, the
 * clean stream and the --dropped stream, every non-blank input line must
 * be either dropped (and listed with its text) or stand, normalised, in
 * the kept paragraphs, in input order, and the kept paragraphs must hold
 * nothing else.  Spaces and bracket look-alikes are ignored on both
 * sides: this checks accounting, not repairs.
 *
 * usage: account RAW CLEAN.tsv DROPPED.tsv; exit 0 when all is accounted.
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

int
main(int argc, char **argv)
{
	struct tsv_reader r;
	FILE *fp;
	struct buf kept = {0}, line = {0}, cl = {0};
	char *dropped;    /* by line number */
	long maxline = 0, nkept = 0, ndropped = 0;
	size_t pos = 0;
	struct dec d;
	int idx[3], i;
	static const char *const ccols[] = {"text"};
	static const char *const dcols[] = {"line", "reason", "original"};

	diag_init("account");
	if (argc != 4) {
		fprintf(stderr, "usage: account RAW CLEAN.tsv DROPPED.tsv\n");
		return 2;
	}
	/* The dropped lines. */
	if ((fp = fopen(argv[3], "r")) == NULL || tsv_open(&r, fp, argv[3]) < 0 ||
	    tsv_require(&r, dcols, 3, idx) < 0)
		return 2;
	dropped = ecalloc(1, 1);
	while (tsv_read_row(&r) > 0) {
		long ln = atol(r.field[idx[0]]);
		int rewrite = 0;

		for (i = 0; rewrites[i]; i++)
			rewrite |= strcmp(r.field[idx[1]], rewrites[i]) == 0;
		if (rewrite)
			continue;
		if (ln > maxline) {
			dropped = erealloc(dropped, (size_t)ln + 1);
			memset(dropped + maxline + 1, 0, (size_t)(ln - maxline));
			maxline = ln;
		}
		dropped[ln] = 1;
	}
	tsv_close(&r);
	fclose(fp);
	/* The kept text. */
	if ((fp = fopen(argv[2], "r")) == NULL || tsv_open(&r, fp, argv[2]) < 0 ||
	    tsv_require(&r, ccols, 1, idx) < 0)
		return 2;
	while (tsv_read_row(&r) > 0)
		canon(&kept, r.field[idx[0]], r.flen[idx[0]]);
	tsv_close(&r);
	fclose(fp);
	/* Walk the raw input. */
	if ((fp = fopen(argv[1], "rb")) == NULL || dec_open(&d, fp, argv[1], NULL, 0) < 0)
		return 2;
	while (dec_getline(&d, &line)) {
		buf_reset(&cl);
		canon(&cl, line.p, line.len);
		if (cl.len == 0)
			continue;
		if (d.lineno <= maxline && dropped[d.lineno]) {
			ndropped++;
			continue;
		}
		if (pos + cl.len > kept.len || memcmp(kept.p + pos, cl.p, cl.len) != 0) {
			size_t show = kept.len - pos < 60 ? kept.len - pos : 60;

			show = utf8_boundary(kept.p + pos, show);
			printf("line %ld is neither dropped nor kept in order:\n  input: %.*s\n  kept:  %.*s\n",
			    d.lineno, (int)cl.len, cl.p, (int)show, kept.p + pos);
			return 1;
		}
		pos += cl.len;
		nkept++;
	}
	dec_close(&d);
	fclose(fp);
	if (pos != kept.len) {
		printf("the kept text has %zu bytes that no input line accounts for\n", kept.len - pos);
		return 1;
	}
	printf("%ld lines kept, %ld dropped, all accounted for\n", nkept, ndropped);
	buf_free(&kept);
	buf_free(&line);
	buf_free(&cl);
	free(dropped);
	return 0;
}
