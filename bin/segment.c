/*
 * segment: clean paragraphs -> the paragraph stream of documents (SPEC 2).
 *
 * Reads ocr-clean's stream (page, line, text, and header when present)
 * and finds each document of the issue by its title block: an issuing
 * organ line and a 关于……的通知 title, or the two on one line, followed
 * by a document number or the addressees.  It tags every paragraph with
 * its kind, joins a title written over several paragraphs into one
 * title row, matches documents to the contents, and writes one row a
 * paragraph: source, doc, page, line, para, kind, text, and the
 * document's section and the page's running header.
 *
 * It holds one document (and a few paragraphs of look-ahead) at a time;
 * the contents of an issue, a few dozen entries, are kept to the end of
 * the issue to report those never found.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

static const char usage[] = "segment [-s name] [--strict] [file ...]";

enum { OPT_STRICT = 256 };

static const struct gz_opt options[] = {
	{'s', "source", 1, "NAME", "name the source in the output (default: the file name)"},
	{OPT_STRICT, "strict", 0, NULL, "treat warnings as errors (exit status 1)"},
	{0, NULL, 0, NULL, NULL}
};

static const char *opt_source;

static void
handle(int val, const char *arg)
{
	switch (val) {
	case 's': opt_source = arg; break;
	case OPT_STRICT: diag_strict = 1; break;
	}
}

enum kind {
	K_NONE, K_MASTHEAD, K_TOC, K_SECTION, K_TITLE, K_DOCNO, K_ADDRESSEE, K_BODY,
	K_SIGNER, K_DATE, K_DISCLOSURE, K_CONSULT, K_ATTACHMENT
};

/* Names padded to sixteen bytes, so that put_row copies them in one
 * fixed-size memcpy (a couple of moves, not a call). */
#define KIND(name) {name, sizeof name - 1}
static const struct {
	char name[16];
	size_t len;
} kind_names[] = {
	KIND(""), KIND("masthead"), KIND("toc"), KIND("section"), KIND("title"), KIND("docno"),
	KIND("addressee"), KIND("body"), KIND("signer"), KIND("date"), KIND("disclosure"),
	KIND("consult"), KIND("attachment")
};

/* A paragraph; texts live in the arena, at offsets that survive its
 * growth. */
struct row {
	int page;            /* 0: unknown */
	long line;           /* when llen is 0: else row_line reads lraw */
	/* The line field as read, when it is the number as fmt_long writes
	 * it (1 to 8 digits, no leading 0): put_row copies it.  llen 0:
	 * written from line. */
	char lraw[8];
	unsigned char llen;
	size_t off, len;     /* text */
	size_t hoff, hlen;   /* running header */
	enum kind kind;
	int plain;           /* text and header hold no TAB, LF, CR or backslash */
	/* Whether it is a contents entry, asked of a row up to three times
	 * (new_issue, doc_starts, front_row): 0 not asked yet, 1 it is,
	 * with the parse in te, -1 it is not.  Parsed once. */
	int toc;
	struct tocent te;
};

#define AHEAD 8                /* paragraphs of look-ahead */
#define DOC_MAX (8u << 20)     /* a document past this is written as it goes */

static struct row *rows;       /* the current document, then the look-ahead */
static size_t nrows, caprows, ncur;
static size_t nonplain;        /* rows held with a byte to escape (rare) */
static struct buf arena;

static struct tsv_reader in;
static int col_page, col_line, col_text, col_header;
static int in_eof;

/* The issue and the document being built. */
static char *source;
static size_t source_len;
static const char *srcname;    /* for messages */
static int docno_cur;          /* 0 while in the front matter */
static int in_toc;             /* the contents have started */
static int title_rows;         /* the title block's paragraphs */
static int doc_streaming;      /* too long to hold: written as it goes */
/* The paragraph number of the last row written, as text: counted up
 * in its digits (para_len 0 is 0), not formatted again every row. */
static char para_txt[16];
static size_t para_len;
/* The last page written and its text, formatted when it changes. */
static int page_val = -1;
static char page_txt[16];
static size_t page_len;
static struct buf section;     /* of the document */
static struct buf toc_section; /* the contents heading in force */
static struct buf body_section;/* a section heading met in the body */

/* Contents entries of the issue. */
struct entry {
	char *title;         /* normalised for matching */
	char *docno;
	char *section;
	int page;
	long line;
	int matched;
};

static struct entry *toc;
static size_t ntoc, captoc;
/* Each document is matched against the entries, so their number bounds
 * the work per document: a contents of 100,000 entries took minutes.
 * No issue prints more than a few hundred. */
#define TOC_MAX 500
static int toc_full;           /* an entry past TOC_MAX was met */

static struct row *
R(size_t i)
{
	return &rows[i];
}

static const char *
T(const struct row *r)
{
	return arena.p + r->off;
}

/* ---- reading ---- */

/* The page number of a field; 0 (unknown), as for an empty one, for a
 * number too long to be one, which would overflow an int (a hand-made
 * stream: ocr-clean counts pages from 1). */
static int
atoi_field(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	/* One or two digits, most pages, at once. */
	if (n == 1 && s[0] >= '0' && s[0] <= '9')
		return s[0] - '0';
	if (n == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9')
		return (s[0] - '0') * 10 + (s[1] - '0');
	if (n <= 9) {    /* no overflow: the digits as they come */
		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			v = v * 10 + (s[i] - '0');
		return v;
	}
	for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		int d = s[i] - '0';

		if (v > (INT_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	return v;
}

/* The line number of a field.  When the field is written as fmt_long
 * would write the number (1 to 8 digits, no leading 0), as every row of
 * ocr-clean is, it is kept as it came in lraw[0..llen), for put_row to
 * copy, and read only when a message or the contents ask (row_line);
 * else line is what tsv_long reads and llen is 0.  The digits are
 * checked eight bytes at a time: w holds the field's bytes and zeros
 * after them (m keeps its n bytes, in memory order whatever the byte
 * order); a byte below 0x80 is a digit when it is 0x30 or more (bit 7
 * of (b | 0x80) - 0x30, no borrow out of the byte) and not 0x3A or more
 * (bit 7 of b + 0x46, no carry out). */
static void
line_field(struct row *r, const char *s, size_t n)
{
	static const unsigned char keep[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	const uint64_t ones = UINT64_C(0x0101010101010101), hi = ones * 0x80;
	uint64_t w, m;

	r->llen = 0;
	if (n >= 1 && n <= 8 && (s[0] != '0' || n == 1)) {
		/* Into lraw in two copies of four, overlapping under eight. */
		if (n >= 4) {
			memcpy(r->lraw, s, 4);
			memcpy(r->lraw + n - 4, s + n - 4, 4);
		} else {
			r->lraw[0] = s[0];
			r->lraw[1] = n > 1 ? s[1] : 0;
			r->lraw[2] = n > 2 ? s[2] : 0;
		}
		memcpy(&w, r->lraw, 8);
		memcpy(&m, keep + 8 - n, 8);
		w &= m;
		if ((w & hi) == 0 && ((w + ones * 0x46) & hi) == 0 &&
		    (((w | hi) - ones * 0x30) & hi) == (m & hi)) {
			r->llen = (unsigned char)n;
			return;
		}
	}
	r->line = tsv_long(s, n);
}

/* The line number of a row. */
static long
row_line(const struct row *r)
{
	long v = 0;
	size_t i;

	if (r->llen == 0)
		return r->line;
	for (i = 0; i < r->llen; i++)
		v = v * 10 + (r->lraw[i] - '0');
	return v;
}

/* Reads one more paragraph into the look-ahead; returns 0 at the end. */
static int
read_row(void)
{
	struct row *r;
	int rc;

	if (in_eof)
		return 0;
	rc = tsv_read_row(&in);
	if (rc <= 0) {
		in_eof = rc < 0 ? -1 : 1;
		return 0;
	}
	if (nrows == caprows) {
		caprows = caprows ? caprows * 2 : 256;
		rows = erealloc(rows, caprows * sizeof *rows);
	}
	r = &rows[nrows++];
	r->kind = K_NONE;
	r->toc = 0;    /* te is filled when it is asked */
	r->page = atoi_field(in.field[col_page], in.flen[col_page]);
	line_field(r, in.field[col_line], in.flen[col_line]);
	r->off = arena.len;
	r->len = in.flen[col_text];
	r->hlen = col_header >= 0 ? in.flen[col_header] : 0;
	/* Room for both at once; a header (most rows have none) copied
	 * only when there is one. */
	if (arena.cap - arena.len <= r->len + r->hlen)    /* buf_reserve's test, without the call */
		buf_reserve(&arena, r->len + r->hlen);
	memcpy(arena.p + arena.len, in.field[col_text], r->len);
	arena.len += r->len;
	r->hoff = arena.len;
	if (r->hlen > 0) {
		memcpy(arena.p + arena.len, in.field[col_header], r->hlen);
		arena.len += r->hlen;
	}
	r->plain = in.csv_plain || !tsv_needs_escape(arena.p + r->off, r->len + r->hlen);
	nonplain += !r->plain;
	return 1;
}

static void
fill(void)
{
	while (nrows - ncur < AHEAD && read_row())
		;
}

/* ---- what a paragraph is ---- */

/* Does the paragraph start, end with, hold the literal w?  Macros, so
 * that the length of w is known where it is used. */
static int
starts_n(const struct row *r, const char *w, size_t k)
{
	/* The first byte alone tells most paragraphs apart. */
	return r->len >= k && T(r)[0] == w[0] && memcmp(T(r), w, k) == 0;
}

static int
ends_n(const struct row *r, const char *w, size_t k)
{
	return r->len >= k && T(r)[r->len - 1] == w[k - 1] && memcmp(T(r) + r->len - k, w, k) == 0;
}

#define starts(r, w) starts_n(r, w, sizeof(w) - 1)
#define ends(r, w) ends_n(r, w, sizeof(w) - 1)
#define has(r, w) (text_find(T(r), (r)->len, w, sizeof(w) - 1) != NULL)

static int
is_docno(const struct row *r)
{
	struct docnum d;

	/* Every number ends in 号: its last byte, then the call. */
	return r->len < 80 && ends(r, "号") && doc_is_docno_line(T(r), r->len, &d);
}

/* The classifiers of assign_kinds, asked of every body row: inline, so
 * that a row that fails their first test costs no call. */
static inline int
is_date(const struct row *r)
{
	struct ymd d;
	size_t used;

	/* A whole date with its day ends in 日 or 号: tested first. */
	return r->len < 40 && (ends(r, "日") || ends(r, "号")) &&
	    date_parse(T(r), r->len, &d, &used) && d.d > 0 && used == r->len;
}

static inline int
is_disclosure(const struct row *r)
{
	return starts(r, "（此件") && ends(r, "）") && r->len < 60;
}

static inline int
is_consult(const struct row *r)
{
	/* Three of the five open with 咨询, asked once. */
	return (starts(r, "咨询") && (starts(r, "咨询单位") || starts(r, "咨询电话") ||
	    starts(r, "咨询与解读"))) || starts(r, "扫码咨询") || (starts(r, "政策解读") && r->len < 20);
}

static inline int
is_attachment(const struct row *r)
{
	const unsigned char *s = (const unsigned char *)T(r);

	if (!starts(r, "附件"))
		return 0;
	return r->len == 6 || (s[6] >= '0' && s[6] <= '9') || starts(r, "附件：") ||
	    starts(r, "附件:");
}

/* A short heading of Han characters only, as sections are. */
static int
is_short_heading(const struct row *r, size_t maxchars)
{
	const unsigned char *s = (const unsigned char *)T(r);
	size_t i = 0, len, k = 0;
	uint32_t c;

	while (i < r->len) {
		/* Leads E5-E9 and two continuation bytes: U+5000-U+9FFF, Han
		 * all of them, counted without a decode (as in match_key). */
		if (s[i] >= 0xE5 && s[i] <= 0xE9 && r->len - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			k++;
			continue;
		}
		len = utf8_decode(s + i, r->len - i, &c);
		if (len == 0 || !uni_is_han(c))
			return 0;
		i += len;
		k++;
	}
	return k >= 2 && k <= maxchars;
}

/* Parses row r, which may be a contents entry, as one: sets r->toc. */
static void
toc_ask(struct row *r)
{
	r->toc = toc_parse(T(r), r->len, &r->te) && (r->te.page > 0 || r->te.docno_len > 0) ? 1 : -1;
}

/* A contents entry: a dot leader and a page, or a number in brackets.
 * Returns its parse, or NULL for a row that is none.  Inline, so that
 * asking again costs a test, and so does a row that cannot be one (by
 * its last byte, toc_may_be_entry): most rows, without a call. */
static inline const struct tocent *
toc_entry(struct row *r)
{
	if (r->toc == 0) {
		if (toc_may_be_entry(T(r), r->len))
			toc_ask(r);
		else
			r->toc = -1;
	}
	return r->toc > 0 ? &r->te : NULL;
}

/* A title paragraph goes on while the one before has not ended the
 * title: the rows of a title block from i, or 0 when none starts. */
static int
title_run(size_t i)
{
	int k = 0, forwards = 0;

	while (i + k < nrows && k < 5) {
		const struct row *r = R(i + k), *next;

		if (k > 0 && (is_docno(r) || r->len > 150 || has(r, "，") || has(r, "。")))
			break;
		if (k == 0 || (k == 1 && !has(R(i), "关于"))) {
			/* 关于印发……方案的通知: the plan's type is inside. */
			const char *t = text_find(T(r), r->len, "关于", 6);

			forwards = t != NULL && (size_t)(T(r) + r->len - t) >= 12 &&
			    (memcmp(t + 6, "印发", 6) == 0 || memcmp(t + 6, "转发", 6) == 0 ||
			    memcmp(t + 6, "批转", 6) == 0 || memcmp(t + 6, "印送", 6) == 0);
		}
		k++;
		next = i + k < nrows ? R(i + k) : NULL;
		if (!doc_title_ends(T(r), r->len) || (forwards && !ends(r, "通知")))
			continue;
		/* ……计划 / （2024－2025年）的通知, ……办法 / （试行）: the
		 * title goes on. */
		if (next != NULL && (starts(next, "的") || (starts(next, "（") && !is_disclosure(next) &&
		    next->len < 90 && (doc_title_ends(T(next), next->len) ||
		    (ends(next, "）") && next->len <= 30)))))
			continue;
		return k;
	}
	return 0;
}

/*
 * Does a document start at row i?  Returns the number of rows in its
 * title block (the organ line and the title lines), 0 for a document
 * that opens with its number alone, or -1.
 */
static int
doc_starts(size_t i)
{
	struct row *r = R(i);
	long at;
	int t;

	if (r->len == 0 || r->len > 200 || toc_entry(r) != NULL)
		return -1;
	/* X市人民政府 / 关于……的通知: the next row opens with 关于
	 * (doc_title_start 0 needs it), a cheap test made first. */
	if (i + 1 < nrows && starts(R(i + 1), "关于") && doc_is_organ(T(r), r->len) &&
	    doc_title_start(T(R(i + 1)), R(i + 1)->len) == 0 && toc_entry(R(i + 1)) == NULL) {
		t = title_run(i + 1);
		if (t > 0)
			return t + 1;
	}
	at = doc_title_start(T(r), r->len);
	if (at > 0 && (t = title_run(i)) > 0)
		return t;    /* X市人民政府关于……的通知 */
	if (at == 0 && (t = title_run(i)) > 0) {
		/* A title without its organ: only when a number or the
		 * addressees follow, since a body may cite a title alone. */
		const struct row *n = i + t < nrows ? R(i + t) : NULL;

		if (n != NULL && (is_docno(n) || ends(n, "：") || ends(n, ":")))
			return t;
	}
	/* A number without a title block opens a document where the one
	 * before has ended (signed, dated, disclosed, maybe followed by a
	 * section heading) or none has begun. */
	if (is_docno(r)) {
		size_t k = ncur;

		if (k > 0 && is_short_heading(R(k - 1), 10))
			k--;
		if (docno_cur == 0 || k == 0 || is_date(R(k - 1)) || is_disclosure(R(k - 1)) ||
		    is_consult(R(k - 1)))
			return 0;
	}
	return -1;
}

/* ---- the contents ---- */

/* Title text for matching: without spaces, punctuation or brackets. */
static char *
match_key(const char *s, size_t n)
{
	char *key = emalloc(n + 1);    /* the caller frees it */
	size_t i = 0, k = 0, len;
	uint32_t c;

	while (i < n) {
		const unsigned char *u = (const unsigned char *)s + i;

		/* Leads E5-E9 and two continuation bytes: U+5000-U+9FFF, Han
		 * all of them, kept without a decode. */
		if (u[0] >= 0xE5 && u[0] <= 0xE9 && n - i >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
			memcpy(key + k, u, 3);
			k += 3;
			i += 3;
			continue;
		}
		len = utf8_decode(u, n - i, &c);
		if (len == 0)
			len = 1, c = 0;
		if (uni_is_han(c) || (c < 0x80 && ((c >= '0' && c <= '9') || (c | 0x20) >= 'a'))) {
			memcpy(key + k, s + i, len);
			k += len;
		}
		i += len;
	}
	key[k] = '\0';
	return key;
}

static void
toc_add(const struct row *r, const struct tocent *e)
{
	struct entry *t;

	if (ntoc == TOC_MAX) {
		if (!toc_full)
			diag_warn(srcname, row_line(r), "contents of more than %d entries; "
			    "this one and those after it are not matched", TOC_MAX);
		toc_full = 1;
		return;
	}
	if (ntoc == captoc) {
		captoc = captoc ? captoc * 2 : 32;
		toc = erealloc(toc, captoc * sizeof *toc);
	}
	t = &toc[ntoc++];
	t->title = match_key(T(r), e->title_len);
	t->docno = estrndup(T(r) + e->docno_off, e->docno_len);
	t->section = estrndup(toc_section.p ? toc_section.p : "", toc_section.len);
	t->page = e->page;
	t->line = row_line(r);
	t->matched = 0;
}

/* The contents entry of the current document: by its number, else by
 * its title. */
static struct entry *
toc_match(const char *title, size_t tlen, const char *no, size_t nlen)
{
	size_t i;
	char *key;
	struct entry *found = NULL;

	if (nlen > 0)
		for (i = 0; i < ntoc; i++)
			if (!toc[i].matched && strlen(toc[i].docno) == nlen &&
			    memcmp(toc[i].docno, no, nlen) == 0)
				return &toc[i];
	if (tlen == 0)
		return NULL;
	key = match_key(title, tlen);
	for (i = 0; i < ntoc && found == NULL; i++)
		if (!toc[i].matched && toc[i].title[0] != '\0' &&
		    (strcmp(toc[i].title, key) == 0 ||
		    (strlen(key) >= 12 && (strstr(toc[i].title, key) || strstr(key, toc[i].title)))))
			found = &toc[i];
	free(key);
	return found;
}

static void
toc_report(void)
{
	size_t i;

	for (i = 0; i < ntoc; i++) {
		if (!toc[i].matched)
			diag_warn(srcname, toc[i].line, "contents entry %s not found in the issue",
			    toc[i].docno[0] ? toc[i].docno : "(without a number)");
		free(toc[i].title);
		free(toc[i].docno);
		free(toc[i].section);
	}
	ntoc = 0;
	toc_full = 0;
}

/* ---- output ---- */

static struct buf outrow;      /* the row being written */

static int arena_plain;        /* the arena holds no byte to escape */

/* Appends s[0..n) at p escaped for a TSV field, as tsv_put writes it
 * (\t \n \r \\); p has room for 2n bytes.  Returns the end. */
static char *
put_esc(char *p, const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return p;
	/* Most fields hold none of the four. */
	if (!tsv_needs_escape(s, n)) {
		memcpy(p, s, n);
		return p + n;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\t' || c == '\n' || c == '\r' || c == '\\') {
			*p++ = '\\';
			c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
		}
		*p++ = c;
	}
	return p;
}

/* A field that repeats from row to row (the page's running header)
 * and its escaped form, made once. */
struct esc_cache {
	struct buf raw, esc;
};

static struct esc_cache c_section, c_header;

/* What opens every row of a document, source and document number with
 * their TABs, escaped and written once a document (pre_doc is the
 * number it was made for, -1 for none yet), with 32 bytes of zeros
 * after it so that put_row copies most (up to 32 bytes) in one
 * fixed-size move. */
static struct buf row_prefix;
static int pre_doc = -1;

/* Makes c->esc the escaped s[0..n), unless it is that already. */
static void
cache_esc(struct esc_cache *c, const char *s, size_t n)
{
	if (c->esc.p == NULL || n != c->raw.len || (n > 0 && memcmp(s, c->raw.p, n) != 0)) {
		buf_reset(&c->raw);
		buf_add(&c->raw, s, n);
		buf_reset(&c->esc);
		buf_reserve(&c->esc, 2 * n + 32);
		c->esc.len = (size_t)(put_esc(c->esc.p, s, n) - c->esc.p);
		memset(c->esc.p + c->esc.len, 0, 32);
	}
}

/* Appends s[0..n) escaped at p, as put_esc, from the cache when s is
 * the text escaped last. */
static char *
put_cached(char *p, struct esc_cache *c, const char *s, size_t n)
{
	cache_esc(c, s, n);
	/* Up to 32 bytes (a section name, most headers) in one fixed-size
	 * copy: esc has room for 32, outrow for 32 more each. */
	if (c->esc.len <= 32)
		memcpy(p, c->esc.p, 32);
	else
		memcpy(p, c->esc.p, c->esc.len);
	return p + c->esc.len;
}

/* Before rows are written, the things that are the same in all of them
 * (nothing changes them while rows are written): the section, escaped
 * (c_section), and the source and document number (row_prefix). */
static void
out_begin(void)
{
	cache_esc(&c_section, section.p, section.len);
	if (pre_doc != docno_cur) {
		char *p;

		buf_reset(&row_prefix);
		buf_reserve(&row_prefix, 2 * source_len + 24 + 2 + 32);
		p = put_esc(row_prefix.p, source, source_len);
		*p++ = '\t';
		p = fmt_long(p, docno_cur);
		*p++ = '\t';
		row_prefix.len = (size_t)(p - row_prefix.p);
		memset(p, 0, 32);
		pre_doc = docno_cur;
	}
}

/* Before the rows [0, n) of a document are written: when none of them
 * holds a byte to escape (read_row told), put_row copies their texts
 * (and the title made of them) as they are. */
static void
check_rows(size_t n)
{
	size_t i;

	arena_plain = 1;
	for (i = 0; i < n && nonplain > 0; i++)    /* none held: none to look for */
		if (!rows[i].plain) {
			arena_plain = 0;
			return;
		}
}

/* The next paragraph number: the last digit counted up, the nines
 * before it carried (999 -> 1000). */
static void
para_next(void)
{
	size_t i = para_len;

	while (i > 0 && para_txt[i - 1] == '9')
		para_txt[--i] = '0';
	if (i > 0) {
		para_txt[i - 1]++;
	} else {
		memmove(para_txt + 1, para_txt, para_len);
		para_txt[0] = '1';
		para_len++;
	}
}

/* Whether stdout has been written since the main loop last asked
 * ferror: only a write can set its error, so the loop asks after one,
 * not at every row.  1 at first, for the header written by main. */
static int out_wrote = 1;

/* Hands the rows assembled in outrow to stdio. */
static void
out_flush(void)
{
	buf_flush(&outrow, stdout);
	out_wrote = 1;
}

/* Writes one paragraph row: assembled in outrow, which goes to stdio in
 * one fwrite when the rows written together (a document, the headings
 * moved before one, a row of the front matter) are all there, by
 * out_flush.  Nothing else is written meanwhile, so stdout and the
 * warnings on stderr keep their order.  A dozen small writes a row
 * cost more than the row.  out_begin has made what repeats.  Inline in
 * each of its loops: a call a row cost about fifteen instructions more,
 * its registers saved and restored. */
static inline __attribute__((always_inline)) void
put_row(const struct row *r, const char *text, size_t len)
{
	size_t klen = kind_names[r->kind].len;
	size_t need = row_prefix.len + 32 + 3 * 24 + 16 + 2 * len + c_section.esc.len + 32 +
	    2 * r->hlen + 32 + 8;
	char *p;

	if (outrow.len >= 1u << 16)
		out_flush();
	if (outrow.cap - outrow.len <= need)    /* buf_reserve's test, without the call */
		buf_reserve(&outrow, need);
	p = outrow.p + outrow.len;
	if (row_prefix.len <= 32)
		memcpy(p, row_prefix.p, 32);
	else
		memcpy(p, row_prefix.p, row_prefix.len);
	p += row_prefix.len;
	if (r->page > 0) {
		if (r->page != page_val) {
			page_len = (size_t)(fmt_long(page_txt, r->page) - page_txt);
			page_val = r->page;
		}
		memcpy(p, page_txt, 16);
		p += page_len;
	}
	*p++ = '\t';
	if (r->llen > 0) {    /* the field as it came: one fixed-size copy */
		memcpy(p, r->lraw, 8);
		p += r->llen;
	} else {
		p = fmt_long(p, r->line);
	}
	*p++ = '\t';
	para_next();
	memcpy(p, para_txt, 16);
	p += para_len;
	*p++ = '\t';
	memcpy(p, kind_names[r->kind].name, 16);
	p += klen;
	*p++ = '\t';
	if (arena_plain) {    /* text is in the arena, or made of texts there */
		memcpy(p, text, len);
		p += len;
	} else {
		p = put_esc(p, text, len);
	}
	*p++ = '\t';
	if (c_section.esc.len <= 32)
		memcpy(p, c_section.esc.p, 32);
	else
		memcpy(p, c_section.esc.p, c_section.esc.len);
	p += c_section.esc.len;
	*p++ = '\t';
	if (r->hlen > 0)
		p = put_cached(p, &c_header, arena.p + r->hoff, r->hlen);
	*p++ = '\n';
	outrow.len = (size_t)(p - outrow.p);
}

/* Drops rows [0, n) and moves the look-ahead down. */
static void
drop_rows(size_t n)
{
	size_t i, base;

	if (n == 0)
		return;
	for (i = 0; i < n && nonplain > 0; i++)
		nonplain -= !rows[i].plain;
	base = n < nrows ? rows[n].off : arena.len;
	for (i = n; i < nrows; i++) {
		if (rows[i].hlen > 0 && rows[i].hoff < base)
			base = rows[i].hoff;
	}
	for (i = n; i < nrows; i++) {
		rows[i - n] = rows[i];
		rows[i - n].off -= base;
		rows[i - n].hoff = rows[i - n].hlen ? rows[i - n].hoff - base : 0;
	}
	memmove(arena.p, arena.p + base, arena.len - base);
	arena.len -= base;
	nrows -= n;
	ncur = ncur > n ? ncur - n : 0;
}

/* Kinds of the rows of a finished document, from its start and its end. */
static void
assign_kinds(size_t n)
{
	size_t i = 0, k;

	if (title_rows > 0) {
		for (k = 0; k < (size_t)title_rows && k < n; k++)
			R(k)->kind = K_TITLE;
		i = (size_t)title_rows;
	}
	if (i < n && is_docno(R(i)))
		R(i++)->kind = K_DOCNO;
	if (i < n && (ends(R(i), "：") || ends(R(i), ":")) && !has(R(i), "。") && R(i)->len < 400)
		R(i++)->kind = K_ADDRESSEE;
	for (; i < n; i++) {
		struct row *r = R(i);

		if (r->kind == K_SECTION)
			continue;
		if (is_date(r)) {
			r->kind = K_DATE;
			/* The signer stands on the line above the date. */
			if (i > 0 && R(i - 1)->kind == K_BODY && R(i - 1)->len <= 120 &&
			    (doc_is_organ(T(R(i - 1)), R(i - 1)->len) || is_short_heading(R(i - 1), 30)))
				R(i - 1)->kind = K_SIGNER;
		} else if (is_disclosure(r)) {
			r->kind = K_DISCLOSURE;
		} else if (is_consult(r)) {
			r->kind = K_CONSULT;
		} else if (is_attachment(r)) {
			r->kind = K_ATTACHMENT;
		} else {
			r->kind = K_BODY;
		}
	}
}

/* Writes the current document: rows [0, ncur). */
static void
flush_doc(void)
{
	size_t i = 0, n = ncur;
	struct buf title = {0};
	const char *no = NULL;
	size_t nolen = 0;

	if (n == 0)
		return;
	if (docno_cur > 0 && doc_streaming) {
		/* The rest of a document too long to hold: kinds were set
		 * row by row, the document matched when it was first written. */
	} else if (docno_cur > 0) {
		struct entry *e;
		struct buf hs = {0};

		assign_kinds(n);
		for (i = 0; i < (size_t)title_rows && i < n; i++)
			buf_add(&title, T(R(i)), R(i)->len);
		for (i = 0; i < n; i++)
			if (R(i)->kind == K_DOCNO) {
				no = T(R(i));
				nolen = R(i)->len;
				break;
			}
		/* The section: the contents, else the running header of the
		 * first page, else a section heading met in the body. */
		buf_reset(&section);
		e = toc_match(title.p, title.len, no, nolen);
		if (e != NULL) {
			e->matched = 1;
			buf_adds(&section, e->section);
			if (e->page > 0 && e->page != R(0)->page) {
				if (R(0)->page > 0)
					diag_warn(srcname, row_line(R(0)), "document %d: the contents give page %d, "
					    "the text counts %d; taking the contents", docno_cur, e->page, R(0)->page);
				R(0)->page = e->page;
			}
		} else if (ntoc > 0) {
			diag_warn(srcname, row_line(R(0)), "document %d (%.*s) is not in the contents", docno_cur,
			    (int)(nolen ? nolen : utf8_boundary(title.p ? title.p : "", title.len < 60 ? title.len : 60)),
			    nolen ? no : (title.p ? title.p : ""));
		}
		if (section.len == 0 && R(0)->hlen > 0) {
			struct gzheader h;

			buf_add(&hs, arena.p + R(0)->hoff, R(0)->hlen);
			if (doc_parse_header(hs.p, hs.len, &h) && h.sec_eo > h.sec_so)
				buf_add(&section, hs.p + h.sec_so, h.sec_eo - h.sec_so);
		}
		if (section.len == 0 && body_section.len > 0)
			buf_add(&section, body_section.p, body_section.len);
		buf_free(&hs);
		if (no == NULL && title_rows == 0)
			diag_warn(srcname, row_line(R(0)), "document %d has neither a title nor a number", docno_cur);
		else if (title_rows == 0)
			diag_warn(srcname, row_line(R(0)), "document %d (%.*s) has no title block", docno_cur,
			    (int)nolen, no);
	} else {
		buf_reset(&section);
	}
	i = 0;
	check_rows(n);
	out_begin();
	if (title_rows > 0 && docno_cur > 0) {
		/* The title block is one row. */
		R(0)->kind = K_TITLE;
		put_row(R(0), title.p, title.len);
		i = (size_t)title_rows;
	}
	for (; i < n; i++)
		put_row(R(i), T(R(i)), R(i)->len);
	arena_plain = 0;
	out_flush();
	buf_free(&title);
	drop_rows(n);
}

/* Starts document number d at the current row, with t title rows. */
static void
begin_doc(int t)
{
	docno_cur++;
	title_rows = t;
	doc_streaming = 0;
	para_len = 0;
}

/* A section heading at the end of a document belongs to the next: move
 * trailing short headings that name a contents section (or, without
 * contents, look like one) to the document about to start. */
static size_t
trailing_sections(void)
{
	size_t k = ncur, i, j;

	while (k > 0) {
		struct row *r = R(k - 1);
		int named = 0;

		if (!is_short_heading(r, 12))
			break;
		for (j = 0; j < ntoc; j++)
			if (strlen(toc[j].section) == r->len && memcmp(toc[j].section, T(r), r->len) == 0)
				named = 1;
		/* Without contents, a short heading between the end of one
		 * document (its date, disclosure or consult lines) and the
		 * title of the next is a section. */
		if (!named && !(ntoc == 0 && is_short_heading(r, 10) && k >= 2 &&
		    (is_date(R(k - 2)) || is_disclosure(R(k - 2)) || is_consult(R(k - 2)))))
			break;
		k--;
	}
	for (i = k; i < ncur; i++)
		R(i)->kind = K_SECTION;
	return ncur - k;
}

/* The front matter: masthead, then the contents. */
static void
front_row(struct row *r)
{
	const struct tocent *e;

	if (!in_toc && starts(r, "目录") && r->len <= 12) {
		in_toc = 1;
		r->kind = K_MASTHEAD;
		return;
	}
	if ((e = toc_entry(r)) != NULL) {
		in_toc = 1;
		r->kind = K_TOC;
		toc_add(r, e);
		return;
	}
	if (in_toc && is_short_heading(r, 16)) {
		r->kind = K_SECTION;
		buf_reset(&toc_section);
		buf_add(&toc_section, T(r), r->len);
		return;
	}
	r->kind = K_MASTHEAD;
}

/* Does row i open a second issue (a contents page, a masthead)? */
static int
new_issue(size_t i)
{
	struct row *r = R(i);
	const struct tocent *e;

	if (docno_cur == 0)
		return 0;
	if (starts(r, "目录") && r->len <= 12)
		return 1;
	if ((e = toc_entry(r)) != NULL && e->page > 0 && doc_title_start(T(r), e->title_len) >= 0)
		return 1;
	/* 某某市人民政府公报 / 2024年第3期 */
	if (r->len <= 60 && ends(r, "公报") && is_short_heading(r, 20) && i + 1 < nrows &&
	    has(R(i + 1), "年第") && has(R(i + 1), "期"))
		return 1;
	return 0;
}

static void
reset_issue(void)
{
	buf_reset(&section);    /* the front matter has none */
	docno_cur = 0;
	in_toc = 0;
	title_rows = 0;
	para_len = 0;
	buf_reset(&toc_section);
	buf_reset(&body_section);
}

static void
end_issue(void)
{
	flush_doc();
	toc_report();
	reset_issue();
}

static char *
source_name(const char *src)
{
	const char *base, *dot;

	if (opt_source != NULL)
		return estrdup(opt_source);
	if (strcmp(src, "<stdin>") == 0)
		return estrdup("-");
	base = strrchr(src, '/');
	base = base ? base + 1 : src;
	dot = strrchr(base, '.');
	return estrndup(base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
}

static int
segment_file(FILE *fp, const char *src)
{
	static const char *const need[] = {"page", "line", "text"};
	int idx[3], t, status = EXIT_OK;

	srcname = src;
	if ((status = tsv_start(&in, fp, src, need, 3, idx)) != EXIT_OK)
		return status;
	/* The reader tells, at no pass of ours, a row without an escape,
	 * CR, space, comma or double quote (csv_plain); read_row looks
	 * only at the others for a byte to escape. */
	in.csv = 1;
	col_page = idx[0];
	col_line = idx[1];
	col_text = idx[2];
	col_header = tsv_column(&in, "header");
	source = source_name(src);
	source_len = strlen(source);
	pre_doc = -1;    /* row_prefix names the source before */
	in_eof = 0;
	nrows = ncur = nonplain = 0;
	buf_reset(&arena);
	reset_issue();
	for (;;) {
		struct row *r;

		fill();
		if (ncur >= nrows)
			break;
		if (new_issue(ncur)) {
			diag_warn(src, row_line(R(ncur)), "a second issue starts here; "
			    "its documents are numbered from 1 again");
			end_issue();
			continue;
		}
		t = doc_starts(ncur);
		if (t >= 0) {
			size_t moved = docno_cur > 0 ? trailing_sections() : 0;

			/* Section headings at the end of the document before
			 * open this one. */
			ncur -= moved;
			flush_doc();
			begin_doc(t);
			/* The moved headings come first, then the title; the
			 * last of them is the section from here on. */
			if (moved > 0) {
				size_t k;

				buf_reset(&body_section);
				buf_add(&body_section, T(R(moved - 1)), R(moved - 1)->len);
				buf_reset(&section);
				buf_add(&section, body_section.p, body_section.len);
				out_begin();
				for (k = 0; k < moved; k++)
					put_row(R(k), T(R(k)), R(k)->len);
				out_flush();
				drop_rows(moved);
			}
			ncur = (size_t)(t > 0 ? t : 1);
			if (ncur > nrows)
				ncur = nrows;
			continue;
		}
		r = R(ncur);
		if (docno_cur == 0) {
			front_row(r);
			/* The front matter is written as it comes. */
			out_begin();
			put_row(r, T(r), r->len);
			out_flush();
			drop_rows(1);
			continue;
		}
		r->kind = K_BODY;
		ncur++;
		if (arena.len > DOC_MAX) {
			/* Too long to hold: write what there is, go on. */
			flush_doc();
			doc_streaming = 1;
			title_rows = 0;
		}
		if (out_wrote) {
			out_wrote = 0;
			if (ferror(stdout))
				break;
		}
	}
	end_issue();
	if (in_eof < 0)
		status = in.ioerr ? EXIT_USAGE : EXIT_DATA;
	tsv_close(&in);
	free(source);
	return status;
}

int
main(int argc, char **argv)
{
	static const char *const cols[] = {
		"source", "doc", "page", "line", "para", "kind", "text", "section", "header"
	};
	int i, status;

	diag_init(argv[0]);
	i = opts_parse(argc, argv, options, usage,
	    "Find the documents of a gazette issue in its clean paragraphs.", handle);
	tsv_put_header(stdout, cols, 9);
	status = gz_foreach_file(argc, argv, i, segment_file);
	buf_free(&arena);
	buf_free(&outrow);
	{
		struct esc_cache *c[] = {&c_section, &c_header};
		size_t k;

		buf_free(&row_prefix);
		for (k = 0; k < 2; k++) {
			buf_free(&c[k]->raw);
			buf_free(&c[k]->esc);
		}
	}
	free(rows);
	return diag_finish(status);
}
