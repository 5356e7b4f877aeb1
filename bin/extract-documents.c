/*
 * extract-documents: the paragraph stream -> one row per document
 * (SPEC 3): title, number, issuer, addressees, dates, pages, consult
 * unit and phone, and the gazette, year and issue from the masthead.
 *
 * Rows of a document arrive together (segment writes them so); one
 * document is held at a time.  Checks that warn: the number's year
 * against the signing date, and a serial repeated within one prefix and
 * year of an issue.
 */
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

static const char usage[] = "extract-documents [--strict] [file ...]";

enum { OPT_STRICT = 256 };

static const struct gz_opt options[] = {
	{OPT_STRICT, "strict", 0, NULL, "treat warnings as errors (exit status 1)"},
	{0, NULL, 0, NULL, NULL}
};

static void
handle(int val, const char *arg)
{
	(void)arg;
	if (val == OPT_STRICT)
		diag_strict = 1;
}

static const char *const out_cols[] = {
	"source", "gazette", "gazette_year", "gazette_issue", "doc", "section", "title",
	"doc_number", "doc_prefix", "doc_year", "doc_serial", "issuer", "addressees",
	"sign_date", "disclosure", "page_start", "page_end", "consult_unit",
	"consult_phone", "paragraphs", "chars", "line"
};
#define NOUT (sizeof out_cols / sizeof out_cols[0])

/* The document being gathered. */
struct docrec {
	struct buf source, section, title, docno, issuer, addressees, disclosure;
	struct buf consult_unit, consult_phone;
	struct ymd sign;
	int doc, page_start, page_end, signed_seen;
	long paragraphs, chars, line;
	int have;
};

/* The issue: gazette name, year, issue; numbers seen. */
static struct buf gazette, cur_source;
static int gazette_year, gazette_issue;
/* Numbers seen in the issue, to find a serial used twice. */
struct seen_no {
	char *prefix;
	int year;
	long serial;
	int doc;
};

static struct seen_no *seen;
static size_t nseen, capseen;
/* An open-addressing index of seen[] (entry + 1; 0 is empty), so that
 * an issue of many documents is checked in linear time: a scan of every
 * earlier number took minutes over 100,000 documents. */
static size_t *slot;
static size_t nslot;

static size_t
no_hash(const char *prefix, size_t plen, int year, long serial)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < plen; i++)
		h = (h ^ (unsigned char)prefix[i]) * 16777619u;
	h = (h ^ (size_t)year) * 16777619u;
	return (h ^ (size_t)serial) * 16777619u;
}

/* The slot of the number: where it is, or the empty slot where it
 * goes. */
static size_t *
no_slot(const char *prefix, size_t plen, int year, long serial)
{
	size_t i = no_hash(prefix, plen, year, serial) & (nslot - 1);

	while (slot[i] != 0) {
		const struct seen_no *e = &seen[slot[i] - 1];

		if (e->year == year && e->serial == serial && strlen(e->prefix) == plen &&
		    memcmp(e->prefix, prefix, plen) == 0)
			break;
		i = (i + 1) & (nslot - 1);
	}
	return &slot[i];
}

/* Forgets the numbers of the issue, in time of their number. */
static void
seen_reset(void)
{
	while (nseen > 0) {
		struct seen_no *e = &seen[nseen - 1];

		*no_slot(e->prefix, strlen(e->prefix), e->year, e->serial) = 0;
		free(e->prefix);
		nseen--;
	}
}

/* Records the number; returns the earlier document that has it, or
 * NULL. */
static const struct seen_no *
seen_add(const char *prefix, size_t plen, int year, long serial, int doc)
{
	size_t *sl, i;

	if (2 * (nseen + 1) > nslot) {
		nslot = nslot ? nslot * 2 : 64;
		free(slot);
		slot = ecalloc(nslot, sizeof *slot);
		for (i = 0; i < nseen; i++)
			*no_slot(seen[i].prefix, strlen(seen[i].prefix), seen[i].year, seen[i].serial) = i + 1;
	}
	sl = no_slot(prefix, plen, year, serial);
	if (*sl != 0)
		return &seen[*sl - 1];
	if (nseen == capseen) {
		capseen = capseen ? capseen * 2 : 32;
		seen = erealloc(seen, capseen * sizeof *seen);
	}
	seen[nseen].prefix = estrndup(prefix, plen);
	seen[nseen].year = year;
	seen[nseen].serial = serial;
	seen[nseen].doc = doc;
	*sl = ++nseen;
	return NULL;
}
static struct docrec d;
static const char *srcname;

static int c_source, c_doc, c_page, c_line, c_kind, c_text, c_section, c_header;

static void
set(struct buf *b, const char *s, size_t n)
{
	buf_reset(b);
	buf_add(b, s, n);
}

static int
starts(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s, w, k) == 0;
}

/* The gazette's name, year and issue from a masthead line or a running
 * header, whichever comes first. */
static void
masthead(const char *s, size_t n)
{
	struct gzheader h;
	const char *p;

	if (doc_parse_header(s, n, &h)) {
		if (gazette.len == 0)
			set(&gazette, s + h.name_so, h.name_eo - h.name_so);
		if (gazette_year == 0) {
			gazette_year = h.year;
			gazette_issue = h.issue;
		}
		return;
	}
	/* X市人民政府公报 */
	if (gazette.len == 0 && n <= 60 && (n >= 6 && (memcmp(s + n - 6, "公报", 6) == 0 ||
	    memcmp(s + n - 6, "政报", 6) == 0)) && doc_is_organ(s, n - 6))
		set(&gazette, s, n);
	/* 2024年第2期（总第29期） */
	if (gazette_year == 0 && (p = text_find(s, n, "年第", 6)) != NULL) {
		size_t used, k = (size_t)(p - s);
		long y, issue;

		while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
			k--;
		y = cn_number(s + k, (size_t)(p - s) - k, &used);
		issue = cn_number(p + 6, n - (size_t)(p - s) - 6, &used);
		if (y >= 1900 && y < 2200 && issue > 0 && used > 0 &&
		    text_find(p + 6 + used, n - (size_t)(p - s) - 6 - used, "期", 3) != NULL) {
			gazette_year = (int)y;
			gazette_issue = (int)issue;
		}
	}
}

/* Does s[0..n) hold no byte below 0x0E (TAB, LF and CR among them) and
 * no backslash?  Eight bytes at a time: (w - 0x0E..) & ~w & 0x80..
 * flags a word with a byte below 0x0E (a borrow that sets a false flag
 * needs a true one before it), and the same of w ^ 0x5C.. one with a
 * backslash.  The last word overlaps the one before; a field under
 * eight bytes is looked at byte by byte.  A stray control byte sends
 * the field to tsv_put, which writes it as it is: only slower. */
static int
plain(const char *s, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), hi = UINT64_C(0x8080808080808080);
	uint64_t w, v, any = 0;
	size_t i;

	if (n < 8) {
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x0E || s[i] == '\\')
				return 0;
		return 1;
	}
	for (i = 0;; i += 8) {
		if (i > n - 8)
			i = n - 8;
		memcpy(&w, s + i, 8);
		v = w ^ (ones * 0x5C);
		any |= ((w - ones * 0x0E) & ~w) | ((v - ones) & ~v);
		if (i == n - 8)
			break;
	}
	return (any & hi) == 0;
}

/* The row being written, handed to stdio in one fwrite at its end. */
static struct buf outrow;

static void
put_field(const char *s, size_t n, int last)
{
	/* Fields without TAB, LF, CR or backslash (all but a rare few) go
	 * into the row as they are; tsv_put escapes the others, after the
	 * row so far. */
	if (plain(s, n)) {
		/* buf_add and buf_addc without their calls: room for both. */
		if (outrow.cap - outrow.len <= n + 1)
			buf_reserve(&outrow, n + 1);
		if (n > 0)
			memcpy(outrow.p + outrow.len, s, n);
		outrow.len += n;
		outrow.p[outrow.len++] = last ? '\n' : '\t';
	} else {
		buf_flush(&outrow, stdout);
		tsv_put(stdout, s, n);
		buf_addc(&outrow, last ? '\n' : '\t');
	}
	if (last) {
		buf_flush(&outrow, stdout);
	}
}

static void
put_buf(const struct buf *b)
{
	put_field(b->p ? b->p : "", b->len, 0);
}

static void
put_int(long v, int last)
{
	char num[24];

	/* 0 and below: unknown, an empty field. */
	put_field(num, v > 0 ? (size_t)(fmt_long(num, v) - num) : 0, last);
}

/* date_iso without snprintf for the dates of every document: a year of
 * four digits, month and day of one or two; anything else (never met
 * from date_parse) by date_iso itself. */
static void
put_iso(const struct ymd *t, char out[11])
{
	if (t->y < 1000 || t->y > 9999 || t->m < 0 || t->m > 99 || t->d < 0 || t->d > 99) {
		date_iso(t, out);
		return;
	}
	out[0] = (char)('0' + t->y / 1000);
	out[1] = (char)('0' + t->y / 100 % 10);
	out[2] = (char)('0' + t->y / 10 % 10);
	out[3] = (char)('0' + t->y % 10);
	out[4] = '-';
	out[5] = (char)('0' + t->m / 10);
	out[6] = (char)('0' + t->m % 10);
	out[7] = '\0';
	if (t->d != 0) {
		out[7] = '-';
		out[8] = (char)('0' + t->d / 10);
		out[9] = (char)('0' + t->d % 10);
		out[10] = '\0';
	}
}

/* Writes the gathered document and checks its number. */
static void
finish(void)
{
	struct docnum no;
	int found, have_no;
	char iso[11];

	if (!d.have)
		return;
	d.have = 0;
	if (d.doc == 0)
		return;
	found = d.docno.len > 0 && docnum_find(d.docno.p, d.docno.len, 0, &no);
	have_no = found || (d.docno.len > 0 && doc_is_docno_line(d.docno.p, d.docno.len, &no));
	/* The issuer signs the notice; where no organ signs (a decree
	 * signed by the mayor), the organ that opens the title issues it. */
	if ((d.issuer.len == 0 || !doc_is_organ(d.issuer.p, d.issuer.len)) && d.title.len > 0) {
		long at = doc_title_start(d.title.p, d.title.len);

		if (at > 0)
			set(&d.issuer, d.title.p, (size_t)at);
	}
	if (have_no && no.year > 0 && d.sign.y > 0 && no.year != d.sign.y &&
	    !(no.year == d.sign.y - 1 && d.sign.m == 1))
		diag_warn(srcname, d.line, "document %d: %.*s is numbered in %d but signed in %d",
		    d.doc, (int)d.docno.len, d.docno.p, no.year, d.sign.y);
	if (have_no) {
		/* One warning, naming the first document with the number:
		 * one for every earlier one made a storm of millions. */
		const struct seen_no *first = seen_add(d.docno.p + no.pso, no.peo - no.pso,
		    no.year, no.serial, d.doc);

		if (first != NULL)
			diag_warn(srcname, d.line, "document %d: %.*s is also the number of document %d",
			    d.doc, (int)d.docno.len, d.docno.p, first->doc);
	}
	put_buf(&d.source);
	put_buf(&gazette);
	put_int(gazette_year, 0);
	put_int(gazette_issue, 0);
	put_int(d.doc, 0);
	put_buf(&d.section);
	put_buf(&d.title);
	{
		/* The number as it should be written, whatever brackets the
		 * text used: X政发〔2024〕1号, from the number found above. */
		struct buf canon = {0};

		docnum_canon_found(d.docno.p ? d.docno.p : "", d.docno.len, found ? &no : NULL, &canon);
		put_buf(&canon);
		buf_free(&canon);
	}
	if (have_no) {
		put_field(d.docno.p + no.pso, no.peo - no.pso, 0);
		put_int(no.year, 0);
		put_int(no.serial, 0);
	} else {
		put_field("", 0, 0);
		put_field("", 0, 0);
		put_field("", 0, 0);
	}
	put_buf(&d.issuer);
	put_buf(&d.addressees);
	put_iso(&d.sign, iso);
	put_field(iso, strlen(iso), 0);
	put_buf(&d.disclosure);
	put_int(d.page_start, 0);
	put_int(d.page_end, 0);
	put_buf(&d.consult_unit);
	put_buf(&d.consult_phone);
	put_int(d.paragraphs, 0);
	put_int(d.chars, 0);
	put_int(d.line, 1);
}

static void
begin(const char *source, size_t slen, int doc)
{
	struct buf *bufs[] = {&d.source, &d.section, &d.title, &d.docno, &d.issuer, &d.addressees,
	    &d.disclosure, &d.consult_unit, &d.consult_phone};
	size_t i;

	for (i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
		buf_reset(bufs[i]);
	set(&d.source, source, slen);
	memset(&d.sign, 0, sizeof d.sign);
	d.doc = doc;
	d.page_start = d.page_end = 0;
	d.signed_seen = 0;
	d.paragraphs = d.chars = 0;
	d.line = 0;
	d.have = 1;
}

/* Strips a trailing full-width or ASCII colon. */
static size_t
without_colon(const char *s, size_t n)
{
	if (n >= 3 && memcmp(s + n - 3, "：", 3) == 0)
		return n - 3;
	if (n >= 1 && s[n - 1] == ':')
		return n - 1;
	return n;
}

/* The value after a label such as 咨询单位：. */
static const char *
after_colon(const char *s, size_t n, size_t *len)
{
	const char *p = text_find(s, n, "：", 3);
	size_t w = 3;

	if (p == NULL) {
		p = memchr(s, ':', n);
		w = 1;
	}
	if (p == NULL) {
		*len = 0;
		return s + n;
	}
	*len = n - (size_t)(p + w - s);
	return p + w;
}

/* Is the kind field k[0..n) the literal w?  A macro, so that the
 * length of w is known and memcmp becomes a compare or two. */
#define is_kind(k, n, w) ((n) == sizeof(w) - 1 && memcmp(k, w, sizeof(w) - 1) == 0)

static void
take_row(struct tsv_reader *r)
{
	const char *kind = r->field[c_kind], *text = r->field[c_text];
	size_t klen = r->flen[c_kind], tlen = r->flen[c_text];
	int page = (int)tsv_long(r->field[c_page], r->flen[c_page]);
	const char *v;
	size_t vlen;

	d.paragraphs++;
	if (d.line == 0)
		d.line = tsv_long(r->field[c_line], r->flen[c_line]);
	if (page > 0) {
		if (d.page_start == 0)
			d.page_start = page;
		if (page > d.page_end)
			d.page_end = page;
	}
	if (c_section >= 0 && d.section.len == 0 && r->flen[c_section] > 0)
		set(&d.section, r->field[c_section], r->flen[c_section]);
	if (is_kind(kind, klen, "body")) {    /* most rows: tested first */
		d.chars += (long)doc_nchars(text, tlen);
	} else if (is_kind(kind, klen, "title")) {
		if (d.title.len == 0) {
			set(&d.title, text, tlen);
			d.line = tsv_long(r->field[c_line], r->flen[c_line]);    /* the title's line */
			if (page > 0)
				d.page_start = page;
		}
	} else if (is_kind(kind, klen, "docno")) {
		if (d.docno.len == 0)
			set(&d.docno, text, tlen);
	} else if (is_kind(kind, klen, "addressee")) {
		if (d.addressees.len == 0)
			set(&d.addressees, text, without_colon(text, tlen));
	} else if (is_kind(kind, klen, "signer")) {
		/* The notice's own signature comes first; a plan it forwards
		 * may be signed again further on. */
		if (!d.signed_seen)
			set(&d.issuer, text, tlen);
	} else if (is_kind(kind, klen, "date")) {
		if (!d.signed_seen) {
			date_parse(text, tlen, &d.sign, NULL);
			d.signed_seen = 1;
		}
	} else if (is_kind(kind, klen, "disclosure")) {
		if (d.disclosure.len == 0 && tlen > 6)
			set(&d.disclosure, text + 3, tlen - 6);    /* without （） */
	} else if (is_kind(kind, klen, "consult")) {
		if (starts(text, tlen, "咨询单位")) {
			v = after_colon(text, tlen, &vlen);
			if (d.consult_unit.len == 0)
				set(&d.consult_unit, v, vlen);
		} else if (starts(text, tlen, "咨询电话")) {
			size_t k = 0;

			v = after_colon(text, tlen, &vlen);
			/* The number: digits and the dashes between them. */
			while (k < vlen && ((v[k] >= '0' && v[k] <= '9') || v[k] == '-' ||
			    (v[k] == ' ' && k + 1 < vlen && v[k + 1] >= '0' && v[k + 1] <= '9')))
				k++;
			if (d.consult_phone.len == 0)
				set(&d.consult_phone, v, k);
		}
	}
}

static int
extract_file(FILE *fp, const char *src)
{
	static const char *const need[] = {"source", "doc", "page", "line", "kind", "text"};
	struct tsv_reader r;
	int idx[6], rc, status = EXIT_OK, last_doc = -1;

	srcname = src;
	if ((status = tsv_start(&r, fp, src, need, 6, idx)) != EXIT_OK)
		return status;
	c_source = idx[0];
	c_doc = idx[1];
	c_page = idx[2];
	c_line = idx[3];
	c_kind = idx[4];
	c_text = idx[5];
	c_section = tsv_column(&r, "section");
	c_header = tsv_column(&r, "header");
	while ((rc = tsv_read_row(&r)) > 0) {
		int doc = (int)tsv_long(r.field[c_doc], r.flen[c_doc]);
		int new_source = !tsv_field_is(&cur_source, r.field[c_source], r.flen[c_source]);
		int wrote = 0;    /* stdout can fail only where it is written */

		if (new_source || doc != last_doc) {
			finish();
			wrote = 1;
			/* A new source, or a second issue in one (documents
			 * numbered from 0 again), starts a new gazette. */
			if (new_source || doc < last_doc) {
				set(&cur_source, r.field[c_source], r.flen[c_source]);
				buf_reset(&gazette);
				seen_reset();
				gazette_year = gazette_issue = 0;
			}
			begin(r.field[c_source], r.flen[c_source], doc);
			last_doc = doc;
		}
		if (doc == 0 && is_kind(r.field[c_kind], r.flen[c_kind], "masthead"))
			masthead(r.field[c_text], r.flen[c_text]);
		if (c_header >= 0 && r.flen[c_header] > 0 && (gazette.len == 0 || gazette_year == 0))
			masthead(r.field[c_header], r.flen[c_header]);
		take_row(&r);
		if (wrote && ferror(stdout))
			break;
	}
	finish();
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
	    "One row per document of a gazette paragraph stream.", handle);
	tsv_put_header(stdout, out_cols, (int)NOUT);
	status = gz_foreach_file(argc, argv, i, extract_file);
	buf_free(&outrow);
	return diag_finish(status);
}
