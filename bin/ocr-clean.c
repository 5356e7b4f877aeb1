/*
 * ocr-clean: raw OCR text of a gazette -> clean paragraphs (SPEC 1).
 *
 * The input is decoded to UTF-8 lines (lib/conv.c), each line is
 * normalised (lib/text.c) and classified, and a small queue of lines
 * gives the look-ahead that paragraph joining needs: the local column
 * width, the next line's shape, a contents entry's dot leader.  Page
 * furniture is removed and turns into page numbers; paragraphs wait in
 * a bounded buffer until the next printed page number confirms or
 * corrects the count of page marks before them.
 *
 * docs/ocr-clean.1 describes the rules; the comments here say why.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

static const char usage[] =
    "ocr-clean [-p] [--dropped file] [--report file] [-f enc] [--strict] [file ...]";

enum { OPT_DROPPED = 256, OPT_STRICT, OPT_REPORT };

static const struct gz_opt options[] = {
	{'p', "plain", 0, NULL, "write plain text: a paragraph a line, FF and page at new pages"},
	{'f', "from-code", 1, "ENC", "decode the input from ENC instead of detecting it"},
	{OPT_DROPPED, "dropped", 1, "FILE", "write dropped and rewritten lines to FILE"},
	{OPT_REPORT, "report", 1, "FILE", "write a row of counts for each input file to FILE"},
	{OPT_STRICT, "strict", 0, NULL, "treat undecodable bytes and warnings as errors"},
	{0, NULL, 0, NULL, NULL}
};

static int opt_plain, opt_strict;
static const char *opt_from, *opt_dropped, *opt_report;
static FILE *dropped_fp, *report_fp;

/* Counts of the file being cleaned, for --report. */
static long n_paragraphs, n_dropped, max_page;
static int debug;

static void
handle(int val, const char *arg)
{
	switch (val) {
	case 'p': opt_plain = 1; break;
	case 'f': opt_from = arg; break;
	case OPT_DROPPED: opt_dropped = arg; break;
	case OPT_REPORT: opt_report = arg; break;
	case OPT_STRICT: opt_strict = 1; break;
	}
}

/* ---- patterns, compiled once ---- */

static struct rx rx_pageno, rx_docno, rx_docline;

static void
compile_patterns(void)
{
	/* Printed page numbers: "— 19 —", "- 19 -", "第19页", "第19页共62页". */
	rx_must(&rx_pageno,
	    "^(?:[-－—–─~～]{1,3} ?(\\d{1,4}) ?[-－—–─~～]{1,3}"
	    "|第(\\d{1,4})页(?:[，,]?共\\d{1,4}页)?)$", 0);
	/* Document numbers whose brackets OCR took for look-alikes. */
	rx_must(&rx_docno,
	    "(?<=\\p{Han})([\\[【(（［〔]) ?((?:19|20)\\d{2}) ?([\\]】)）］〕]) ?(?=\\d{1,5} ?号)", 0);
	/* A line that is a document number and nothing else. */
	rx_must(&rx_docline, "^\\p{Han}{1,16}〔(?:19|20)\\d{2}〕\\d{1,5}号$", 0);
}

/* ---- lines ---- */

enum lkind { L_TEXT, L_PAGENO, L_HEADER, L_DROP, L_MARK };
enum lend { END_NONE, END_CONT, END_TERM };

struct line {
	long lineno;
	int blanks;          /* blank lines before it */
	enum lkind kind;
	const char *reason;  /* why dropped or rewritten */
	int pageno;          /* printed number of a page-number line */
	struct buf orig;     /* as decoded */
	struct buf text;     /* normalised */
	int width;           /* of text, in half-units */
	enum lend end;
	int gaps;            /* space runs removed, half a character each */
	int namerow;         /* a table row: a short name, a gap, a post */
	int wclass;          /* W_* bits: how it counts in the width windows */
	/* Flags, 0 or 1, a byte each (see q). */
	unsigned char lead;            /* began with white space */
	unsigned char ff;              /* held a form feed */
	unsigned char piece;           /* a piece of an overlong line */
	unsigned char header_section;  /* running header with a section name */
	unsigned char enumr;           /* starts an enumerated item or heading */
	unsigned char leader;          /* ends with a dot leader and a page number */
	unsigned char single;          /* one Han character: vertical text */
	unsigned char halfw;           /* holds narrow characters */
	unsigned char hanful;          /* holds Han characters */
	unsigned char fffd;            /* holds U+FFFD: bytes that did not decode */
	unsigned char bslash;          /* holds a backslash, which a row escapes */
	unsigned char digits;          /* holds ASCII digits */
	unsigned char clause_open;     /* ends inside an open bracket */
	unsigned char docno;           /* the line is a document number alone */
	unsigned char label;           /* starts with a label such as 咨询电话： */
	unsigned char istext;          /* was text when read (queue counts) */
};

#define QCAP 512              /* lines in the queue (a power of two) */
#define SNIFF_LINES 400       /* lines looked at to learn the layout */
#define AHEAD 24              /* text lines of look-ahead and history */
#define NBINS 256             /* width histogram, in characters */
#define W_ALL 1
#define W_WRAP 2
#define W_TAB 4
#define W_CONT 8
#define PARA_MAX (1u << 16)   /* longest paragraph before a forced break */
#define PENDING_MAX (1u << 20)

/* The queue's entries are 128 bytes apart (a line takes 120 on LP64,
 * with its flags in bytes): QAT finds one by a shift, not by a multiply
 * that read_line and the rules would redo at every use of a line. */
static union qentry {
	struct line l;
	char size[128];
} q[QCAP];
static size_t qhead, qlen;
static long qtext;            /* text lines in the queue */
static long qleader;          /* text lines in the queue that end with a dot leader */

#define QAT(i) (&q[(qhead + (i)) & (QCAP - 1)].l)

/* ---- per-file state ---- */

static const char *src;
static struct dec dec;
static int eof;
static long nlines_seen;
static int pending_blanks;

/* Layout, learnt from the first SNIFF_LINES lines. */
static int gapmode;           /* blank lines between wrapped lines */
static int indent_mode;       /* leading white space is indentation */

/* The masthead zone: the lines before the first anchor of the issue,
 * where mangled cover text is dropped. */
static int zone_open;
static long zone_lines;

/* Width windows over text lines: histograms of the widths of the text
 * lines [cur - radius, cur + radius], a near one and a far one. */
struct win {
	int radius;
	int hi;               /* highest bin ever used: scans stop there */
	int wrap_hi;          /* highest bin of wrap[] now used */
	int all[NBINS];       /* every line that counts */
	int wrap[NBINS];      /* lines that may be wrapped: no final stop */
	int tab[NBINS];       /* table rows: a space between two CJK cells */
	int cont[NBINS];      /* lines that must be wrapped: final comma */
	int n_all;
	int n_wrap;           /* lines in wrap[] */
	/* win_mode's memo of its first scan, kept up by win_add: best is
	 * the highest of the most common wrap[] bins, top its count.  A
	 * line added to a bin can only make that bin the best; a line
	 * taken out of the best bin, a bin that went below zero (a line
	 * taken out that never came in) or no wrapped line at all make
	 * the scan run again (dirty, odd). */
	int best, top;
	int dirty;
	int odd;
	/* below = the lines in wrap[0 .. thr): win_mode's lines narrower
	 * than 3/4 of the column, moved along when the column moves. */
	int thr, below;
};

#define NEAR 8
static struct win wnear, wfar;
static long tseq_cur;         /* text lines processed */
/* The width bin and class of each text line read, by its number among
 * the text lines (tseq_read counts them): the line that enters a
 * window is found here, not by walking the queue, and so is the one
 * that leaves it.  No more than SNIFF_LINES text lines are read ahead
 * of tseq_cur, so the ring still holds the last AHEAD processed. */
static int ahead_b[QCAP], ahead_c[QCAP];
static long tseq_read;
_Static_assert(SNIFF_LINES + AHEAD + 1 <= QCAP, "the ring of widths is too short");

/* Header text seen before (name + issue), to recognise repeats. */
static struct buf last_header;
static int prev_pageno_dist;  /* queue entries since a page-number line */

/* ---- page numbering ---- */

struct pstart {
	long chars;           /* text on the page, in bytes */
	int removed;          /* merged into the page before */
	int num;              /* resolved number, 0 unknown */
	int hdr;              /* running header of the page, -1 none */
};

static struct pstart *ps;     /* starts since the anchor; ps[0] is it */
static size_t nps, capps;
static int anchor_known;
static int anchor_num;

struct pend {
	size_t off, len;
	long line;
	size_t start;         /* index into ps, or SIZE_MAX when page fixed */
	int page;
	int hdr;              /* with the page, when fixed */
	int bslash;           /* the text holds a backslash */
};

/* Running headers met in this file, each kept once: pages refer to
 * them by index, and the `header` column writes them out. */
static char **hdr_tab;
static int nhdr, caphdr;
static int pending_hdr = -1;  /* for the next page start */

static struct pend *pend;
static size_t npend, cappend;
/* The texts of the pending paragraphs, and after them the paragraph
 * being built (from para_off): a paragraph is written where it waits,
 * not copied there when it ends. */
static struct buf arena;

/* ---- the paragraph being built ---- */

static size_t para_off;       /* its text: arena from para_off */
static long para_line;
static size_t para_start;     /* page start index of its first line */
static int para_page;         /* resolved page, -1 while by index */
static int para_hdr;          /* its running header, when resolved */
static int para_nlines;
static int para_bslash;       /* a line of it holds a backslash */
static int para_after_docno;  /* the paragraph follows a document number */
static int last_was_docno;    /* the last paragraph was a document number */
/* The previous line of the paragraph, for its flags only: its queue
 * entry, not a copy of it, until read_line is about to take the entry
 * again (after 511 lines of page furniture and dropped lines), which
 * then copies the flags to last_kept.  Its bufs belong to the entry:
 * the one rule that reads its text asks last_colon instead. */
static const struct line *last;
static struct line last_kept;
static int last_colon;        /* after a document number, it ends with a colon */
static int have_para;
static int gap_known;         /* the previous text line touches this one */

static int last_plain_page = -1;

/* ---- output ---- */

static void
write_dropped(const struct line *l, const char *reason)
{
	n_dropped++;
	if (dropped_fp == NULL)
		return;
	fprintf(dropped_fp, "%ld\t%s\t", l->lineno, reason);
	{
		/* A stream cannot hold a NUL byte (its readers refuse one),
		 * so a NUL of the original is written as U+2400 SYMBOL FOR
		 * NULL, and the stream stays one that to-csv reads. */
		const char *p = l->orig.p, *end = p + l->orig.len, *z;

		while ((z = memchr(p, '\0', (size_t)(end - p))) != NULL) {
			tsv_put(dropped_fp, p, (size_t)(z - p));
			fputs("\xE2\x90\x80", dropped_fp);
			p = z + 1;
		}
		tsv_put(dropped_fp, p, (size_t)(end - p));
	}
	putc('\n', dropped_fp);
}

static struct buf rows;        /* rows of the stream not yet written */

/* bslash: the text holds a backslash (scan_text noted it on each line). */
static void
emit(const char *s, size_t n, long line, int page, int hdr, int bslash)
{
	n_paragraphs++;
	if (page > max_page)
		max_page = page;
	if (opt_plain) {
		if (page > 0 && page != last_plain_page) {
			printf("\f%d\n", page);
			last_plain_page = page;
		}
		fwrite(s, 1, n, stdout);
		putchar('\n');
		return;
	}
	/* Normalised text holds no TAB, LF or CR (text_normalize turns
	 * white space into spaces and removes control characters): without
	 * a backslash it needs no escapes, and the row is added to rows,
	 * which commit writes in one piece. */
	if (!bslash) {
		char *o;
		size_t hl = hdr >= 0 ? strlen(hdr_tab[hdr]) : 0;

		buf_reserve(&rows, 2 * 24 + n + hl + 2);
		o = rows.p + rows.len;
		if (page > 0)
			o = fmt_long(o, page);
		*o++ = '\t';
		o = fmt_long(o, line);
		*o++ = '\t';
		memcpy(o, s, n);
		o += n;
		*o++ = '\t';
		if (hl > 0)
			memcpy(o, hdr_tab[hdr], hl);
		o += hl;
		*o++ = '\n';
		rows.len = (size_t)(o - rows.p);
		if (rows.len >= 65536)
			buf_flush(&rows, stdout);    /* as stdio would, within the commit */
		return;
	}
	buf_flush(&rows, stdout);
	if (page > 0)
		tsv_put_num(stdout, page);
	putchar('\t');
	tsv_put_num(stdout, line);
	putchar('\t');
	tsv_put(stdout, s, n);
	putchar('\t');
	if (hdr >= 0)
		fputs(hdr_tab[hdr], stdout);
	putchar('\n');
}

/* The index of a running header, added when new. */
static int
hdr_intern(const char *s, size_t n)
{
	int i;

	for (i = 0; i < nhdr; i++)
		if (strlen(hdr_tab[i]) == n && memcmp(hdr_tab[i], s, n) == 0)
			return i;
	if (nhdr == caphdr) {
		caphdr = caphdr ? caphdr * 2 : 8;
		hdr_tab = erealloc(hdr_tab, (size_t)caphdr * sizeof *hdr_tab);
	}
	hdr_tab[nhdr] = estrndup(s, n);
	return nhdr++;
}

/* ---- page numbering ---- */

static size_t
ps_push(void)
{
	if (nps == capps) {
		capps = capps ? capps * 2 : 64;
		ps = erealloc(ps, capps * sizeof *ps);
	}
	memset(&ps[nps], 0, sizeof ps[nps]);
	ps[nps].hdr = pending_hdr;
	pending_hdr = -1;
	return nps++;
}

/* Numbers the starts: from the anchor forward when there is one, else
 * back from the last start, which has number `num` (0 below page 1). */
static void
number_starts(int num)
{
	size_t j;
	int n;

	if (anchor_known) {
		n = anchor_num;
		ps[0].num = n;
		for (j = 1; j < nps; j++) {
			n += !ps[j].removed;
			ps[j].num = n;
		}
		return;
	}
	n = num;
	ps[nps - 1].num = n;
	for (j = nps - 1; j-- > 0;) {
		n -= !ps[j + 1].removed;
		ps[j].num = n > 0 ? n : 0;
	}
}

/* Set by commit, the only writer of stdout while lines are processed:
 * stdout's error state needs a look only after it. */
static int stdout_used;

/* Writes the waiting paragraphs and makes the last start the anchor. */
static void
commit(void)
{
	size_t i, top = nps - 1;

	stdout_used = 1;

	if (have_para && para_page < 0) {
		para_page = ps[para_start].num;
		para_hdr = ps[para_start].hdr;
	}
	for (i = 0; i < npend; i++) {
		int fixed = pend[i].start == SIZE_MAX;

		emit(arena.p + pend[i].off, pend[i].len, pend[i].line,
		    fixed ? pend[i].page : ps[pend[i].start].num,
		    fixed ? pend[i].hdr : ps[pend[i].start].hdr, pend[i].bslash);
	}
	buf_flush(&rows, stdout);
	npend = 0;
	if (have_para) {
		/* The paragraph being built stays, moved to the start. */
		arena.len -= para_off;
		if (para_off > 0)
			memmove(arena.p, arena.p + para_off, arena.len);
		para_off = 0;
	} else {
		buf_reset(&arena);
	}
	anchor_known = ps[top].num > 0;
	anchor_num = ps[top].num;
	ps[0] = ps[top];
	ps[0].removed = 0;
	nps = 1;
}

/*
 * The last page start has the printed number num.  When more page marks
 * stand between the anchor and it than the numbers allow, some marks
 * were not page breaks (OCR marks some column breaks the same way):
 * merge the two neighbouring pages that hold the least text, until the
 * count fits.  Then number, write what waits, and re-anchor.
 */
static void
page_assert(int num)
{
	size_t s = nps - 1, j, prev, best;
	long k = 0, c, bestc;

	if (anchor_known && num > anchor_num) {
		for (j = 1; j <= s; j++)
			k += !ps[j].removed;
		while (anchor_num + k > num) {
			bestc = -1;
			best = 0;
			for (j = 1, prev = 0; j < s; j++) {
				if (ps[j].removed)
					continue;
				c = ps[prev].chars + ps[j].chars;
				if (bestc < 0 || c < bestc) {
					bestc = c;
					best = j;
				}
				prev = j;
			}
			if (bestc < 0)
				break;
			for (prev = best - 1; prev > 0 && ps[prev].removed; prev--)
				;
			ps[prev].chars += ps[best].chars;
			ps[best].removed = 1;
			k--;
		}
	}
	number_starts(num);
	ps[s].num = num;    /* missing marks, or numbering started again */
	commit();
}

/* buf_add, without its calls when the bytes fit (every paragraph
 * line is copied so). */
static inline void
add_fit(struct buf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
	} else {
		buf_add(b, s, n);
	}
}

/* The text of a pending paragraph is arena from off, to the end. */
static void
pending_add(size_t off, long line, size_t start, int page, int hdr, int bslash)
{
	if (npend == cappend) {
		cappend = cappend ? cappend * 2 : 256;
		pend = erealloc(pend, cappend * sizeof *pend);
	}
	pend[npend].off = off;
	pend[npend].len = arena.len - off;
	pend[npend].line = line;
	pend[npend].start = page >= 0 ? SIZE_MAX : start;
	pend[npend].page = page;
	pend[npend].hdr = hdr;
	pend[npend].bslash = bslash;
	npend++;
	if (arena.len > PENDING_MAX || nps > 4096) {
		/* No page number for a long stretch: stop waiting for one,
		 * number by counting, and write. */
		number_starts(0);
		commit();
	}
}

/* ---- paragraphs ---- */

static void
para_finish(void)
{
	if (!have_para)
		return;
	have_para = 0;
	pending_add(para_off, para_line, para_start, para_page, para_hdr, para_bslash);
}

static int
ends_with_colon(const struct buf *b)
{
	return (b->len >= 3 && memcmp(b->p + b->len - 3, "：", 3) == 0) ||
	    (b->len >= 1 && b->p[b->len - 1] == ':');
}

static void
para_begin(const struct line *l)
{
	para_off = arena.len;
	add_fit(&arena, l->text.p, l->text.len);
	para_line = l->lineno;
	para_start = nps - 1;
	para_page = -1;
	para_hdr = -1;
	para_nlines = 1;
	para_bslash = l->bslash;
	para_after_docno = last_was_docno;
	last_was_docno = l->docno;
	last = l;
	last_colon = para_after_docno && l->end == END_TERM && ends_with_colon(&l->text);
	have_para = 1;
}

static int
is_ascii_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
para_join(const struct line *l)
{
	/* Latin words wrapped over two lines keep a space between them;
	 * CJK text and numbers join without one.  (The new line first:
	 * most start with a Han character.) */
	if (l->text.len > 0 && is_ascii_letter((unsigned char)l->text.p[0]) && arena.len > para_off &&
	    is_ascii_letter((unsigned char)arena.p[arena.len - 1]))
		buf_addc(&arena, ' ');
	add_fit(&arena, l->text.p, l->text.len);
	para_nlines++;
	para_bslash |= l->bslash;
	last = l;
	last_colon = para_after_docno && l->end == END_TERM && ends_with_colon(&l->text);
}

/* ---- width window ---- */

static int
wbin(int width)
{
	int b = width / 2;

	return b < NBINS ? b : NBINS - 1;
}

static int
counts_for_width(const struct line *l)
{
	return l->kind == L_TEXT && !l->leader && !l->single && !l->docno && l->width >= 4;
}

/* Adds (d = 1) or takes out (d = -1) a line of width bin b. */
static inline void
win_add(struct win *w, int b, int wclass, int d)
{

	if (b > w->hi)
		w->hi = b;
	if (wclass & W_ALL) {
		w->all[b] += d;
		w->n_all += d;
	}
	if (wclass & W_WRAP) {
		w->wrap[b] += d;
		w->n_wrap += d;
		if (b < w->thr)
			w->below += d;
		if (d > 0) {
			if (b > w->wrap_hi)
				w->wrap_hi = b;
			/* The last bin is out of win_mode's scan. */
			if (b == NBINS - 1)
				w->dirty = 1;
			else if (w->wrap[b] > w->top || (w->wrap[b] == w->top && b > w->best)) {
				w->best = b;
				w->top = w->wrap[b];
			}
		} else {
			if (b == w->wrap_hi) {
				/* wrap[wrap_hi] > 0 but after taking out its last
				 * line; other bins leave it as it is. */
				while (w->wrap_hi > 0 && w->wrap[w->wrap_hi] == 0)
					w->wrap_hi--;
			}
			if (b == w->best)
				w->dirty = 1;
			if (w->wrap[b] < 0)
				w->odd = 1;
		}
	}
	if (wclass & W_TAB)
		w->tab[b] += d;
	if (wclass & W_CONT)
		w->cont[b] += d;
}

/*
 * The column width of a window, in half-units: the most common width of
 * lines that may be wrapped (no final stop).  *strong says whether it
 * is a column: at least eight characters, common enough (give or take a
 * character for compressed punctuation and digits) among the lines
 * about as wide, and those lines mostly wrapped text, not list items
 * that end in a stop ("X的Y职务；") or table rows of spaced cells; and
 * the wider window `wide` must hold a line of that width ending in a
 * comma, which no paragraph ends with, or eight lines of that width
 * that may be wrapped (lists of signatures and titles hold neither).
 */
static int
win_mode(struct win *w, const struct win *wide, int *strong)
{
	int b, best = 0, bests, nge = 0, all = 0, wrap, tab = 0, conts = 0, widewrap = 0, top, left;

	if (w->dirty || w->odd) {
		/* Past wrap_hi every wrap[] bin is empty: when a column can
		 * be found at all (bests >= 3), stopping there changes
		 * nothing. */
		int hi = w->wrap_hi + 2 < NBINS ? w->wrap_hi + 2 : NBINS - 1;

		/* The highest of the most common bins in [2, hi), or 0:
		 * from the top down, until the lines left could not make a
		 * bin as full.  (wrap[0..4] stay empty: W_WRAP needs a
		 * width of 10.) */
		for (b = hi - 1, top = 0, left = w->n_wrap; b >= 2 && left > top; b--) {
			if (w->wrap[b] > top) {
				top = w->wrap[b];
				best = b;
			}
			left -= w->wrap[b];
		}
		if (top == 0 && hi > 2)
			best = hi - 1;    /* none in range, as the scan up would say */
		w->best = best;
		w->top = top;
		/* Without a wrapped line best is no bin's: win_add
		 * could not keep it. */
		w->dirty = top == 0;
	}
	best = w->best;
	/* Short paragraphs make as many indented first lines, two
	 * characters narrower, as full ones: the column is the wider. */
	b = best + 2;
	if (b < NBINS && w->wrap[b] + w->wrap[b - 1] >= 2 &&
	    (w->wrap[b] + w->wrap[b - 1]) * 4 >= w->wrap[best])
		best = w->wrap[b] >= w->wrap[b - 1] ? b : b - 1;
	if (best < 1 || best >= NBINS - 1) {
		*strong = 0;
		return best * 2;
	}
	bests = wrap = w->wrap[best - 1] + w->wrap[best] + w->wrap[best + 1];
	/* The lines at least 3/4 of best wide: all but the narrower ones,
	 * which are fewer bins (wrap[0..4] are empty, and every bin above
	 * hi is: wrap_hi <= hi). */
	b = best * 3 / 4;
	for (; w->thr < b; w->thr++)
		w->below += w->wrap[w->thr];
	for (; w->thr > b; w->thr--)
		w->below -= w->wrap[w->thr - 1];
	nge = w->n_wrap - w->below;
	/* The counts of the other tests only when the first ones pass (or
	 * the debug output shows them); the wider window's wrapped lines
	 * only when it holds no line ending in a comma. */
	*strong = best >= 8 && bests >= 3 && bests * 100 >= 40 * nge;
	if (*strong || debug > 1) {
		for (b = best - 1; b <= best + 1; b++) {
			all += w->all[b];
			tab += w->tab[b];
		}
		for (b = best - 1; b <= best + 2 && b < NBINS; b++)
			conts += wide->cont[b];
		*strong = *strong && wrap * 100 >= 60 * all && tab * 2 < all;
		if (*strong && conts <= 0) {    /* below 0: see odd */
			for (b = best - 1; b <= best + 1; b++)
				widewrap += wide->wrap[b];
			*strong = widewrap >= 8;
		}
	}
	if (debug > 1)
		fprintf(stderr, "  win r%d best %d bests %d nge %d wrap %d all %d tab %d conts %d\n",
		    w->radius, best, bests, nge, wrap, all, tab, conts);
	return best * 2;
}

/*
 * The local column width, in half-units: the column of the nearest
 * lines, else of a wider stretch; where no column dominates (pages of
 * short lines such as personnel notices), the widest lines but one.
 */
static int
local_width(int *column)
{
	int W, b, cum;
	const struct win *w;

	W = win_mode(&wnear, &wfar, column);
	if (*column)
		return W;
	/* The near lines are no column: look further only when they are
	 * too few to tell. */
	if (wnear.n_all < 6) {
		W = win_mode(&wfar, &wfar, column);
		if (*column)
			return W;
	}
	w = wnear.n_all >= 2 ? &wnear : &wfar;
	for (b = w->hi, cum = 0; b > 0; b--) {
		cum += w->all[b];
		if (cum >= 2)
			return b * 2;
	}
	return 36;
}

/* ---- line classification ---- */

/* The end of the run of Han characters U+4000-U+4DBF and U+4E00-U+9FFF
 * (leads E4-E9, but not E4 B7: U+4DC0-U+4DFF are hexagram symbols)
 * from s[i], most of Chinese text.  The normalised text is valid UTF-8
 * (text_normalize writes nothing else, repair_docno cuts it at
 * characters), so a lead byte says how long its character is. */
static size_t
han_run_end(const unsigned char *s, size_t i, size_t n)
{
	size_t lim = n >= 3 ? n - 2 : 0;    /* i < lim: 3 bytes left */

	while (i < lim && (unsigned)(s[i] - 0xE4) <= 5 && !(s[i] == 0xE4 && s[i + 1] == 0xB7))
		i += 3;
	return i;
}

/* utf8_decode for the normalised text, which is valid UTF-8 (see
 * han_run_end): a 3-byte character, all of Chinese text, needs no more
 * checks. */
static inline size_t
text_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n > 0 && s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (n >= 3 && (s[0] & 0xF0) == 0xE0) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	return utf8_decode(s, n, cp);
}

static uint32_t
last_cp(const struct buf *b, size_t *at)
{
	size_t i = b->len;
	uint32_t cp = 0;

	if (i == 0) {
		*at = 0;
		return 0;
	}
	/* ASCII and 3-byte characters, most line ends, directly. */
	{
		const unsigned char *u = (const unsigned char *)b->p;

		if (u[i - 1] < 0x80) {
			*at = i - 1;
			return u[i - 1];
		}
		if (i >= 3 && (u[i - 3] & 0xF0) == 0xE0 && (u[i - 2] & 0xC0) == 0x80 &&
		    (u[i - 1] & 0xC0) == 0x80) {
			*at = i - 3;
			return ((uint32_t)(u[i - 3] & 0x0F) << 12) | ((uint32_t)(u[i - 2] & 0x3F) << 6) |
			    (u[i - 1] & 0x3F);
		}
	}
	i--;
	while (i > 0 && ((unsigned char)b->p[i] & 0xC0) == 0x80)
		i--;
	text_decode((const unsigned char *)b->p + i, b->len - i, &cp);
	*at = i;
	return cp;
}

/* The character tests are switches: a compiler makes a search of them,
 * not a chain of comparisons. */
static int
is_cn_numeral(uint32_t c)
{
	switch (c) {
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:
	case 0x767E: case 0x96F6: case 0x3007: case 0x4E24:
	/* 一 二 三 四 五 六 七 八 九 十 百 零 〇 两 */
		return 1;
	}
	return 0;
}

static int
is_closer(uint32_t c)
{
	switch (c) {
	case 0xFF09: case ')': case 0x300B: case 0x201D: case 0x2019:
	case 0x3015: case 0x3011: case 0x300D: case 0x300F: case ']': case 0xFF3D:
	/* ） ) 》 ” ’ 〕 】 」 』 ] ］ */
		return 1;
	}
	return 0;
}

static int
is_terminal(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case 0xFF1A:
	case 0x2026: case '!': case '?': case ';': case ':': case '.':
	/* 。 ！ ？ ； ： … */
		return 1;
	}
	return 0;
}

static int
is_opener_or_comma(uint32_t c)
{
	switch (c) {
	case 0xFF0C: case 0x3001: case 0xFF08: case '(': case ',':
	case 0x300A: case 0x201C: case 0x2018: case 0x3014: case 0x3010:
	case 0x300C: case 0x300E: case 0x00B7: case 0x2014:
	/* ， 、 （ ( , 《 “ ‘ 〔 【 「 『 · — */
		return 1;
	}
	return 0;
}

static enum lend
line_end(const struct buf *b)
{
	size_t at;
	uint32_t c, before;
	const unsigned char *u = (const unsigned char *)b->p;

	/* Most wrapped lines end with a Han character (U+4000-9FFF, lead
	 * E4-E9), which none of the marks below is. */
	if (b->len >= 3 && (unsigned)(u[b->len - 3] - 0xE4) <= 5 &&
	    (u[b->len - 2] & 0xC0) == 0x80 && (u[b->len - 1] & 0xC0) == 0x80)
		return END_NONE;
	c = last_cp(b, &at);

	if (is_opener_or_comma(c))
		return END_CONT;
	if (is_terminal(c))
		return END_TERM;
	if (c == 0xFF09 || c == ')' || c == 0x3015 || c == 0x3011)
		return END_TERM;    /* a closing clause such as （市应急局负责） */
	if (is_closer(c) && at > 0) {
		struct buf head = {b->p, at, at};

		before = last_cp(&head, &at);
		if (is_terminal(before))
			return END_TERM;
	}
	return END_NONE;
}

static size_t
skip_cn_numerals(const char *s, size_t n, size_t i)
{
	uint32_t c;
	size_t len;

	while (i < n && (len = text_decode((const unsigned char *)s + i, n - i, &c)) > 0 &&
	    is_cn_numeral(c))
		i += len;
	return i;
}

static size_t
skip_digits(const char *s, size_t n, size_t i, size_t max)
{
	size_t k = 0;

	while (i < n && k < max && s[i] >= '0' && s[i] <= '9')
		i++, k++;
	return k ? i : 0;
}

static inline uint32_t
cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	uint32_t c = 0;

	*len = i < n ? text_decode((const unsigned char *)s + i, n - i, &c) : 0;
	return *len ? c : 0;
}

/* Units after a decimal number, which make "3.5亿元" a number, not the
 * heading "3.5". */
static int
is_unit(uint32_t c)
{
	static const uint32_t units[] = {0x4E07, 0x4EBF, 0x5143, 0x5343, 0x767E, '%',
	    0x500D, 0x4E2A, 0x5428, 0x7C73, 0x5E73, 0x516C, 0x5C81, 0x5E74, 0x6708, 0x65E5, 0};
	/* 万 亿 元 千 百 % 倍 个 吨 米 平 公 岁 年 月 日 */
	int i;

	for (i = 0; units[i]; i++)
		if (units[i] == c)
			return 1;
	return 0;
}

/* Bit c & 63 of each character that may open an item, among U+4E00-
 * U+9FFF: is_cn_numeral's and 第 附 (starts_enum's quick test). */
#define EBIT(c) ((uint64_t)1 << ((c) & 63))
static const uint64_t enum_low = EBIT(0x4E00) | EBIT(0x4E8C) | EBIT(0x4E09) | EBIT(0x56DB) |
    EBIT(0x4E94) | EBIT(0x516D) | EBIT(0x4E03) | EBIT(0x516B) | EBIT(0x4E5D) | EBIT(0x5341) |
    EBIT(0x767E) | EBIT(0x96F6) | EBIT(0x4E24) | EBIT(0x7B2C) | EBIT(0x9644);
#undef EBIT

/*
 * Does the line start a new enumerated item or heading?  一、 （一）
 * 1． 1、 1. 1.1 2.3.7 （1） (1) ① 第一条 第二章 附件1 附件：
 */
static int
starts_enum(const struct buf *b)
{
	const char *s = b->p;
	const unsigned char *u = (const unsigned char *)s;
	size_t n = b->len, i, len;
	uint32_t c, d;

	/* Most lines start with a Han character that opens no item: a
	 * 3-byte character (the text is valid UTF-8) of U+4E00-U+9FFF,
	 * leads E4 B8 to E9, that is none of the few that may.  The
	 * numerals and 第 附 have the low six bits of one of the set bits
	 * of enum_low: one mask test turns three in four away without a
	 * search of them. */
	if (n >= 3 && (unsigned)(u[0] - 0xE4) <= 5) {
		c = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		if (c >= 0x4E00 && (!(enum_low >> (c & 63) & 1) ||
		    (!is_cn_numeral(c) && c != 0x7B2C && c != 0x9644)))
			return 0;    /* 第 附 */
		len = 3;
	} else {
		c = cp_at(s, n, 0, &len);
		if (len == 0)
			return 0;
		if (c >= 0x4E00 && c <= 0x9FFF && !is_cn_numeral(c) && c != 0x7B2C && c != 0x9644)
			return 0;
	}
	if (c >= 0x2460 && c <= 0x2473)
		return 1;    /* ① .. ⑳ */
	if (is_cn_numeral(c)) {
		i = skip_cn_numerals(s, n, 0);
		d = cp_at(s, n, i, &len);
		return d == 0x3001;    /* 、 */
	}
	if (c == 0xFF08 || c == '(') {
		i = skip_cn_numerals(s, n, len);
		if (i == len)
			i = skip_digits(s, n, len, 2);
		if (i == 0 || i == len)
			return 0;
		d = cp_at(s, n, i, &len);
		if (d != 0xFF09 && d != ')')
			return 0;
		d = cp_at(s, n, i + len, &len);
		return d != 0 && !is_closer(d) && d != 0xFF0C && d != 0x3001 && d != 0x3002;
	}
	if (c >= '0' && c <= '9') {
		i = skip_digits(s, n, 0, 3);
		if (i == 0)
			return 0;
		d = cp_at(s, n, i, &len);
		if (d == 0xFF0E || d == 0x3001) {    /* ． 、 */
			d = cp_at(s, n, i + len, &len);
			return d != 0 && !(d >= '0' && d <= '9');
		}
		if (d == '.') {
			size_t j = i + 1, dots = 1, k;

			while ((k = skip_digits(s, n, j, 3)) != 0) {
				j = k;
				if (j < n && s[j] == '.' && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9') {
					j++;
					dots++;
				} else {
					break;
				}
			}
			if (j == i + 1) {    /* "6.养老机构": one level */
				d = cp_at(s, n, j, &len);
				return d != 0 && d != '.';
			}
			d = cp_at(s, n, j, &len);
			if (dots >= 2 || d == 0 || d == ' ')
				return 1;
			return !is_unit(d) && uni_is_han(d);
		}
		return 0;
	}
	if (c == 0x7B2C) {    /* 第 */
		i = skip_cn_numerals(s, n, len);
		if (i == len)
			i = skip_digits(s, n, len, 3);
		if (i == 0 || i == len)
			return 0;
		d = cp_at(s, n, i, &len);
		if (d == 0x6761 || d == 0x7AE0 || d == 0x8282)
			return 1;    /* 条 章 节 */
		return d == 0x90E8 && cp_at(s, n, i + len, &len) == 0x5206;    /* 部分 */
	}
	if (n >= 6 && memcmp(s, "附件", 6) == 0) {
		d = cp_at(s, n, 6, &len);
		return d == 0 || (d >= '0' && d <= '9') || d == 0xFF1A || d == ':';
	}
	return 0;
}

/* A contents entry ends with a dot leader and the page number. */
static int
ends_with_leader(const struct buf *b)
{
	const unsigned char *u = (const unsigned char *)b->p;
	size_t i = b->len, dots = 0;

	while (i > 0 && b->p[i - 1] >= '0' && b->p[i - 1] <= '9')
		i--;
	if (i == b->len || b->len - i > 4)
		return 0;
	while (i > 0 && b->p[i - 1] == ' ')
		i--;
	/* The dots from the end, by their bytes (the text is valid UTF-8:
	 * a character that ends in the bytes of one of them is it):
	 * . · … ⋯ ． • ・ */
	while (i > 0) {
		if (u[i - 1] == '.') {
			i--;
			dots++;
		} else if (i >= 2 && u[i - 2] == 0xC2 && u[i - 1] == 0xB7) {
			i -= 2;
			dots++;
		} else if (i >= 3) {
			uint32_t k = (uint32_t)u[i - 3] << 16 | (uint32_t)u[i - 2] << 8 | u[i - 1];

			if (k == 0xE280A6 || k == 0xE28BAF)         /* … ⋯ */
				dots += 3;
			else if (k == 0xEFBC8E || k == 0xE280A2 || k == 0xE383BB)    /* ． • ・ */
				dots++;
			else
				break;
			i -= 3;
		} else {
			break;
		}
	}
	return dots >= 3;
}

/* Does the line open with a label, Han characters (and 、 between
 * them) and a colon: 咨询电话：, 成员单位：, 甲区、乙市政府：? */
static int
starts_label(const struct buf *b)
{
	size_t i = 0, len, r, lim;
	int k = 0;
	uint32_t c = 0;

	int run = 0;

	/* Each name between 、 has at least two characters: 委、办、局：
	 * ends an addressee line instead. */
	while (k < 17) {
		/* The common Han characters a run at a time; a run that
		 * reaches the 17th character is too long for a label. */
		lim = i + (size_t)(17 - k) * 3;
		r = (han_run_end((const unsigned char *)b->p, i, b->len < lim ? b->len : lim) - i) / 3;
		if (r > 0) {
			if (k + (int)r >= 17)
				return 0;
			run += (int)r;
			k += (int)r;
			i += r * 3;
			continue;
		}
		if ((c = cp_at(b->p, b->len, i, &len)) == 0)
			break;
		if (uni_is_han(c)) {
			run++;
		} else if (c == 0x3001 && run >= 2) {
			run = 0;
		} else {
			break;
		}
		i += len;
		k++;
	}
	return run >= 2 && k <= 16 && (c == 0xFF1A || c == ':');
}

/* Width of the line's first unit that a typesetter does not break: a
 * run of ASCII letters, digits and number signs, or one character with
 * the punctuation that may not begin a line after it, or an opening
 * mark and the character it opens, which may not end a line. */
static int
first_unit(const struct buf *b)
{
	size_t i = 0, len, at;
	uint32_t c;
	int w = 0;
	const unsigned char *u = (const unsigned char *)b->p;

	/* Two Han characters (U+4000-9FFF, leads E4-E9; the text is valid
	 * UTF-8): the first is the unit, two half-units wide. */
	if (b->len >= 6 && (unsigned)(u[0] - 0xE4) <= 5 && (unsigned)(u[3] - 0xE4) <= 5)
		return 2;
	while (i < b->len && ((b->p[i] >= '0' && b->p[i] <= '9') || is_ascii_letter((unsigned char)b->p[i]) ||
	    b->p[i] == '.' || b->p[i] == '%' || b->p[i] == '/'))
		i++, w++;
	if (w > 0)
		return w;
	c = cp_at(b->p, b->len, 0, &len);
	if (len == 0)
		return 0;
	w = uni_width(c);
	at = len;
	c = cp_at(b->p, b->len, at, &len);
	if (is_terminal(c) || is_closer(c) || c == 0xFF0C || c == 0x3001) {
		w += uni_width(c);
	} else if (c == 0x201C || c == 0x300A || c == 0xFF08 || c == 0x2018 || c == 0x3014) {
		w += uni_width(c);
		c = cp_at(b->p, b->len, at + len, &len);
		w += c ? uni_width(c) : 0;
	}
	return w;
}

/* Does the raw line hold a space between two CJK characters, as table
 * cells and spaced-out names do? */
static int
cjk_gap(const struct buf *raw, int *namerow)
{
	const char *p = raw->p, *end = raw->p + raw->len, *sp;
	uint32_t a, b;
	size_t len;

	while ((sp = memchr(p, ' ', (size_t)(end - p))) != NULL) {
		const char *c = sp, *r = sp;

		while (r < end && *r == ' ')
			r++;
		/* The character before the run. */
		while (c > raw->p && ((unsigned char)c[-1] & 0xC0) == 0x80)
			c--;
		if (c > raw->p && r < end) {
			c--;
			while (c > raw->p && ((unsigned char)*c & 0xC0) == 0x80)
				c--;
			if (utf8_decode((const unsigned char *)c, (size_t)(sp - c), &a) > 0 &&
			    (len = utf8_decode((const unsigned char *)r, (size_t)(end - r), &b)) > 0 &&
			    uni_is_han(a) && uni_is_han(b)) {
				/* A name (one to four characters, maybe spaced
				 * out) before the gap makes a name-table row. */
				const char *t = raw->p;
				size_t k = 0;
				uint32_t x;

				while (t < sp && (*t == ' ' || *t == '\t'))
					t++;
				while (t < sp && (len = utf8_decode((const unsigned char *)t,
				    (size_t)(sp - t), &x)) > 0 && uni_is_han(x))
					t += len, k++;
				*namerow = t == sp && k >= 1 && k <= 4;
				if (*namerow && k == 1) {
					/* 李 刚 丙县…: the name goes on after one gap. */
					while (r < end && (len = utf8_decode((const unsigned char *)r,
					    (size_t)(end - r), &x)) > 0 && uni_is_han(x))
						r += len, k++;
					*namerow = k <= 4 && r < end && *r == ' ';
				}
				return 1;
			}
		}
		p = r;
		if (p >= end)
			break;
	}
	return 0;
}

/* What scan_text needs of a character that is not ASCII: its width
 * (uni_width, 0-2), whether it counts as Han, whether it is one of the
 * CJK marks set half wide (gz_cjk_punct), and whether it is one of the
 * few it looks at one by one (· （ ） ： U+FFFD). */
#define CF_WIDTH 3
#define CF_HAN 4
#define CF_PUNCT 8
#define CF_ODD 16

static unsigned
char_flags(uint32_t c)
{
	unsigned f = (unsigned)uni_width(c);

	/* No Han below U+2E80 nor among the full-width forms
	 * (U+FF00-FFFF), the marks ，：（） of most lines; among the
	 * marks 、。 (U+3000-303F) only 々 and 〇. */
	if (c - 0x3000 < 0x40 ? c == 0x3005 || c == 0x3007 :
	    c >= 0x2E80 && (c < 0xFF00 || c > 0xFFFF) && uni_is_han(c))
		f |= CF_HAN;
	if (gz_cjk_punct(c))
		f |= CF_PUNCT;
	if (c == 0x00B7 || c == 0xFF08 || c == 0xFF09 || c == 0xFF1A || c == UNI_REPLACEMENT)
		f |= CF_ODD;
	return f;
}

/* char_flags of the blocks that hold nearly every mark of Chinese
 * text: U+2000-203F (“” — …), U+3000-303F (、。《》〔〕) and
 * U+FF00-FF3F (，：；（）), filled in once by mark_flags_init. */
static unsigned char mark_flags[3][64];

static void
mark_flags_init(void)
{
	static const uint32_t base[3] = {0x2000, 0x3000, 0xFF00};
	int i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 64; j++)
			mark_flags[i][j] = (unsigned char)char_flags(base[i] + (uint32_t)j);
}

static inline unsigned
flags_of(uint32_t c)
{
	if (c - 0x3000 < 64)
		return mark_flags[1][c - 0x3000];
	if (c - 0xFF00 < 64)
		return mark_flags[2][c - 0xFF00];
	if (c - 0x2000 < 64)
		return mark_flags[0][c - 0x2000];
	return char_flags(c);
}

/* Scans the normalised text once for the flags the rules use.  oth,
 * when not NULL, lists the characters of the text that are not Han (as
 * text_normalize_others found them): only those are looked at. */
static void
scan_text(struct line *l, const struct text_others *oth)
{
	const unsigned char *s = (const unsigned char *)l->text.p;
	size_t n = l->text.len, i = 0, len, width = 0, nonhan = 0, k = 0;
	int han = 0, ncp = 0, alnum = 0, upper = 0, lower = 0, other = 0, open = 0, colon = 0;
	int listed = oth != NULL && !oth->over;
	uint32_t c;
	unsigned f;

	l->halfw = 0;
	l->fffd = 0;
	l->bslash = 0;
	l->digits = 0;
	/* The layout width (text_layout_width) is measured in the same
	 * pass: a Han character is 2; a CJK mark that ends the line or
	 * stands before another one is 1.  Han, most of the text, is none
	 * of the other classes: only the other characters are looked at,
	 * as listed by text_normalize_others or found here, and the bytes
	 * they leave are Han characters of 3 bytes each. */
	for (;;) {
		if (listed) {
			if (k == oth->n)
				break;
			i = oth->at[k++];
		} else {
			if (i < n && (unsigned)(s[i] - 0xE4) <= 5)
				i = han_run_end(s, i, n);
			if (i >= n)
				break;
		}
		ncp++;
		if (s[i] < 0x80) {
			c = s[i++];
			nonhan++;
			if ((c >= '0' && c <= '9') || is_ascii_letter((int)c)) {
				alnum++;
				l->digits |= c <= '9';
				upper += c >= 'A' && c <= 'Z';
				lower += c >= 'a' && c <= 'z';
			} else if (c != ' ') {
				other++;
			}
			l->halfw = 1;
			if (c == '(')
				open++;
			else if (c == ')' && open > 0)
				open--;
			else if (c == ':')
				colon = 1;
			else if (c == '\\')
				l->bslash = 1;
			width += c >= 0x20 && c != 0x7F;
			continue;
		}
		/* A 3-byte character (most marks) needs no checks: the
		 * text is valid UTF-8 (see han_run_end). */
		if ((s[i] & 0xF0) == 0xE0) {
			c = ((uint32_t)(s[i] & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
			    (s[i + 2] & 0x3F);
			len = 3;
		} else if ((len = text_decode(s + i, n - i, &c)) == 0) {
			c = UNI_REPLACEMENT;
			len = 1;
		}
		i += len;
		nonhan += len;
		f = flags_of(c);
		if (f & CF_HAN)
			han++;
		else
			other++;
		if (f & CF_ODD) {
			if (c == 0x00B7)
				l->halfw = 1;
			if (c == 0xFF08)
				open++;
			else if (c == 0xFF09 && open > 0)
				open--;
			else if (c == UNI_REPLACEMENT)
				l->fffd = 1;
			else if (c == 0xFF1A)
				colon = 1;
		}
		if (!(f & CF_PUNCT)) {
			width += f & CF_WIDTH;
		} else if (i == n) {
			width += 1;
		} else if (listed && (k == oth->n || oth->at[k] != i)) {
			width += 2;    /* before a Han character: not listed */
		} else {
			uint32_t next;

			if (text_decode(s + i, n - i, &next) == 0)
				next = UNI_REPLACEMENT;
			width += gz_cjk_punct(next) ? 1 : 2;
		}
	}
	ncp += (int)((n - nonhan) / 3);
	han += (int)((n - nonhan) / 3);
	width += (n - nonhan) / 3 * 2;
	l->hanful = han > 0;
	l->single = ncp == 1 && han == 1;
	l->label = colon && starts_label(&l->text);
	l->clause_open = open > 0;
	l->width = (int)width + l->gaps;
	l->end = line_end(&l->text);
	l->enumr = starts_enum(&l->text);
	l->leader = l->digits && ends_with_leader(&l->text);    /* a page number */
	/* Garbage that no rule can use, wherever it stands. */
	if (han == 0 && alnum == 0 && ncp >= 3) {
		l->kind = L_DROP;
		l->reason = "symbols";
	} else if (han == 0 && upper >= 8 && lower == 0 && other == 0 &&
	    upper == alnum) {
		l->kind = L_DROP;
		l->reason = "romanisation";
	}
}

/* Does the text hold the punctuation of prose? */
static int
has_cjk_punct(const struct buf *b)
{
	static const char *const marks[] = {"，", "。", "、", "；", "：", "《", "（", "〔", NULL};
	int i;

	for (i = 0; marks[i]; i++)
		if (text_find(b->p, b->len, marks[i], 3) != NULL)
			return 1;
	return 0;
}

/* Cover text in the masthead zone that OCR mangled: Latin letters or
 * ASCII brackets among Han characters, unpaired quotes. */
static int
mangled(const struct line *l)
{
	const char *s = l->text.p;
	size_t n = l->text.len, i = 0, len;
	uint32_t c;
	int han = 0, latin = 0, ascii_br = 0, lq = 0, rq = 0;

	while (i < n) {
		c = cp_at(s, n, i, &len);
		if (len == 0)
			len = 1;
		han += uni_is_han(c);
		latin += c < 0x80 && is_ascii_letter((int)c);
		ascii_br += c == '(' || c == ')' || c == '[' || c == ']';
		lq += c == 0x2018 || c == 0x201C;
		rq += c == 0x2019 || c == 0x201D;
		i += len;
	}
	if (han == 0)
		return 0;
	return latin > 0 || ascii_br > 0 || lq != rq;
}

/* The byte length of one of rx_docno's brackets ending at (open) or
 * starting at (!open) s[i], or 0; *canon says whether it is 〔 or 〕. */
static size_t
docno_bracket(const unsigned char *s, size_t n, size_t i, int open, int *canon)
{
	uint32_t c;

	*canon = 0;
	if (open ? i >= 1 && (s[i - 1] == '[' || s[i - 1] == '(') : i < n && (s[i] == ']' || s[i] == ')'))
		return 1;
	if (open ? i < 3 : i + 3 > n)
		return 0;
	s += open ? i - 3 : i;
	c = (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
	*canon = c == (open ? 0xE38094u : 0xE38095u);    /* 〔 〕 */
	if (open)
		return c == 0xE38090 || c == 0xEFBC88 || c == 0xEFBCBB || c == 0xE38094 ? 3 : 0;    /* 【 （ ［ 〔 */
	return c == 0xE38091 || c == 0xEFBC89 || c == 0xEFBCBD || c == 0xE38095 ? 3 : 0;    /* 】 ） ］ 〕 */
}

/* Could rx_docno change the text?  Only around a year (19xx, 20xx)
 * between two of its brackets, where a bracket is not 〔 〕 or a space
 * stands: a text whose years all sit in 〔〕 (〔2024〕1号, most
 * document numbers) or none in brackets is left as it is. */
static int
docno_suspect(const struct buf *b)
{
	const unsigned char *s = (const unsigned char *)b->p;
	size_t n = b->len, i, j, k, len;
	int c1, c2;

	for (i = 0; i + 4 <= n; i++) {
		if (!((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) ||
		    !(s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9'))
			continue;
		j = i > 0 && s[i - 1] == ' ' ? i - 1 : i;
		k = i + 4 < n && s[i + 4] == ' ' ? i + 5 : i + 4;
		if (docno_bracket(s, n, j, 1, &c1) == 0 || (len = docno_bracket(s, n, k, 0, &c2)) == 0)
			continue;
		if (!c1 || !c2 || j != i || k != i + 4 || (k + len < n && s[k + len] == ' '))
			return 1;
	}
	return 0;
}

/* Repairs document-number brackets in place; returns 1 when changed. */
static int
repair_docno(struct line *l)
{
	static struct buf tmp;
	size_t pos = 0, so, eo, o1, e1, o3, e3;
	int changed = 0;

	/* The year of the number is in ASCII digits (scan_text). */
	if (l->text.len < 8 || !l->digits || text_find(l->text.p, l->text.len, "号", 3) == NULL ||
	    !docno_suspect(&l->text))
		return 0;
	buf_reset(&tmp);
	while (pos < l->text.len && rx_match(&rx_docno, l->text.p, l->text.len, pos) > 0) {
		size_t y0, y1;

		rx_group(&rx_docno, 0, &so, &eo);
		rx_group(&rx_docno, 1, &o1, &e1);
		rx_group(&rx_docno, 2, &y0, &y1);
		rx_group(&rx_docno, 3, &o3, &e3);
		buf_add(&tmp, l->text.p + pos, so - pos);
		buf_add(&tmp, "〔", 3);
		buf_add(&tmp, l->text.p + y0, y1 - y0);
		buf_add(&tmp, "〕", 3);
		if (e1 - o1 != 3 || memcmp(l->text.p + o1, "〔", 3) != 0 ||
		    e3 - o3 != 3 || memcmp(l->text.p + o3, "〕", 3) != 0 ||
		    eo - so != 4 + 6 + (y1 - y0) - 4)
			changed = 1;
		pos = eo;
		if (eo == so)
			pos++;
	}
	if (!changed)
		return 0;
	buf_add(&tmp, l->text.p + pos, l->text.len - pos);
	buf_reset(&l->text);
	buf_add(&l->text, tmp.p, tmp.len);
	return 1;
}

/* Can a page number (rx_pageno) start the text?  - ~ － — – ─ ～ 第:
 * the whole character, as Han characters share 第's lead byte E7. */
static int
pageno_lead(const struct buf *b)
{
	const unsigned char *u = (const unsigned char *)b->p;

	if (u[0] == '-' || u[0] == '~')
		return 1;
	if (b->len < 3)
		return 0;
	switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
	case 0xEFBC8D: case 0xE28094: case 0xE28093: case 0xE29480: case 0xEFBD9E:
	case 0xE7ACAC:
	/* － — – ─ ～ 第 */
		return 1;
	}
	return 0;
}

static void
classify(struct line *l, const struct text_others *oth)
{
	size_t so, eo;
	struct gzheader hdr;

	l->kind = L_TEXT;
	l->reason = NULL;
	l->pageno = 0;
	l->header_section = 0;
	scan_text(l, oth);
	if (l->kind != L_TEXT)
		return;
	if (l->text.len <= 24 && pageno_lead(&l->text) &&
	    rx_match(&rx_pageno, l->text.p, l->text.len, 0) > 0) {
		int g = rx_group(&rx_pageno, 1, &so, &eo) ? 1 : 2;

		rx_group(&rx_pageno, g, &so, &eo);
		l->kind = L_PAGENO;
		l->pageno = atoi(l->text.p + so);
		return;
	}
	/* A header holds a year in ASCII digits. */
	if (l->hanful && l->digits && doc_parse_header(l->text.p, l->text.len, &hdr)) {
		l->kind = L_HEADER;
		l->header_section = hdr.sec_eo > hdr.sec_so;
		return;
	}
	if (repair_docno(l)) {
		scan_text(l, NULL);    /* the text changed: the list is old */
		l->reason = "docno-brackets";
	}
	l->docno = l->text.len < 64 && l->text.len >= 3 &&
	    memcmp(l->text.p + l->text.len - 3, "号", 3) == 0 &&
	    rx_match(&rx_docline, l->text.p, l->text.len, 0) > 0;
}

/* Reads and prepares one more non-blank line into the queue; returns 0
 * at the end of input. */
static int
read_line(void)
{
	static int prev_split;
	struct line *l;
	struct buf *raw;
	struct text_others others;    /* where the characters not Han are */
	size_t removed, gaps;

	if (qlen >= QCAP - 1)
		die(EXIT_USAGE, "internal error: line queue full");
	l = QAT(qlen);
	if (l == last) {
		last_kept = *l;
		last = &last_kept;
	}
	raw = &l->orig;    /* the line as decoded is kept as it is */
	for (;;) {
		int cont_piece = prev_split;

		if (eof || !dec_getline(&dec, raw)) {
			eof = 1;
			prev_split = 0;
			return 0;
		}
		nlines_seen++;
		prev_split = dec.split;
		if (raw->len == 0) {
			pending_blanks++;
			continue;
		}
		buf_reset(&l->text);
		removed = text_normalize_others(&l->text, raw->p, raw->len, &gaps, &others);
		l->ff = dec.has_ff && memchr(raw->p, '\f', raw->len) != NULL;
		if (l->text.len == 0 && removed == 0 && !l->ff) {
			pending_blanks++;    /* white space only */
			continue;
		}
		l->piece = cont_piece || dec.split;
		if (dec.split && !cont_piece)
			diag_warn(src, dec.lineno, "line longer than %u bytes; split", RAW_LINE_MAX);
		break;
	}
	qlen++;
	l->lineno = dec.lineno;
	l->blanks = pending_blanks;
	pending_blanks = 0;
	{
		/* A space, a TAB or U+3000 IDEOGRAPHIC SPACE first. */
		const unsigned char *u = (const unsigned char *)raw->p;

		l->lead = raw->len > 0 && (u[0] == ' ' || u[0] == '\t' ||
		    (u[0] == 0xE3 && raw->len >= 3 && u[1] == 0x80 && u[2] == 0x80));
	}
	l->gaps = (int)gaps;
	if (l->text.len == 0) {
		/* A form feed alone marks a page; control bytes alone are
		 * dropped. */
		l->kind = l->ff ? L_MARK : L_DROP;
		l->reason = l->ff ? NULL : "control-characters";
		l->width = 0;
		l->single = l->leader = l->enumr = 0;
	} else {
		classify(l, &others);
		if (l->kind == L_TEXT && l->reason == NULL) {
			if (removed > 0)
				l->reason = "control-characters";
			else if (l->fffd)
				l->reason = "invalid-bytes";
		}
	}
	l->istext = l->kind == L_TEXT;
	l->wclass = 0;
	l->namerow = 0;
	if (counts_for_width(l)) {
		l->wclass = W_ALL;
		/* No column is narrower than five characters: shorter lines
		 * are names and labels in table cells. */
		if (l->end != END_TERM && l->width >= 10)
			l->wclass |= W_WRAP;
		/* A space between two Han characters is a space run that
		 * text_normalize removed: none without gaps. */
		if (l->gaps > 0 && cjk_gap(&l->orig, &l->namerow))
			l->wclass |= W_TAB;
		if (l->enumr)
			l->namerow = 0;    /* 第二条 公共数据是指… */
		if (l->end == END_CONT)
			l->wclass |= W_CONT;
	}
	if (l->istext) {
		ahead_b[tseq_read & (QCAP - 1)] = wbin(l->width);
		ahead_c[tseq_read & (QCAP - 1)] = l->wclass;
		tseq_read++;
	}
	qtext += l->istext;
	qleader += l->istext && l->leader;
	return 1;
}

/* Fills the queue until it holds `want` text lines or the input ends. */
static void
fill_text(long want)
{
	while (qtext < want && qlen < QCAP - 1 && read_line())
		;
}

/* Learns the layout from the lines in the queue. */
static void
sniff_layout(void)
{
	long gaps[4] = {0}, lead = 0, n = 0, ff = 0;
	size_t i;

	for (i = 0; i < qlen; i++) {
		struct line *l = QAT(i);

		ff += l->ff;
		if (l->kind != L_TEXT)
			continue;
		n++;
		lead += l->lead;
		if (i > 0 && QAT(i - 1)->kind == L_TEXT)
			gaps[l->blanks < 3 ? l->blanks : 3]++;
	}
	gapmode = 0;
	for (i = 1; i < 4; i++)
		if (gaps[i] > gaps[gapmode])
			gapmode = (int)i;
	/* Text from HTML or a word processor indents every paragraph
	 * (most lines start with white space); OCR marks only the first
	 * line of a page that way.  Where form feeds mark the pages,
	 * leading white space can only be indentation. */
	indent_mode = (n > 0 && lead * 2 > n) || ff > 0;
	if (debug)
		fprintf(stderr, "layout: gapmode %d indent %d (lead %ld of %ld)\n",
		    gapmode, indent_mode, lead, n);
}

/* ---- the joining rules ---- */

/* A form feed marks a new page on any line; so does leading white
 * space on a text line, unless it is indentation. */
static int
is_page_mark(const struct line *l)
{
	return l->ff || (!indent_mode && l->lead && l->kind == L_TEXT);
}

/* The next text line after queue index i, or NULL. */
static struct line *
next_text(size_t i)
{
	for (i++; i < qlen; i++)
		if (QAT(i)->kind == L_TEXT)
			return QAT(i);
	return NULL;
}

/* Is the whole line one bracketed clause?  Asked by one late rule of
 * joins only, not for every line. */
static int
clause_line(const struct line *l)
{
	const char *s = l->text.p;
	size_t n = l->text.len;

	return n >= 6 && (memcmp(s, "（", 3) == 0 || s[0] == '(') &&
	    ((memcmp(s + n - 3, "）", 3) == 0) || s[n - 1] == ')') && !l->clause_open;
}

/*
 * Decides whether line l (queue index qi) continues the paragraph whose
 * last line is `last`.  Returns 1 to join, 0 to break.  *W is the local
 * column width and *column whether it is a column: worked out here
 * when *W < 0, only if a rule needs them (most lines are decided
 * before), and left for the caller.
 */
static int
joins(const struct line *p, const struct line *l, size_t qi, int *Wp, int *columnp,
    const char **why)
{
	int cap, line_cap, full, tol, first = para_nlines == 1, W, column, unit;
	const struct line *l2;

	if (indent_mode && l->lead)
		return *why = "indent", 0;
	if (gap_known && l->blanks > gapmode)
		return *why = "gap", 0;
	if (arena.len - para_off + l->text.len > PARA_MAX)
		return *why = "para-max", 0;
	if (l->piece || p->piece)
		return *why = "piece", 0;
	if (p->single)
		return *why = "vertical", l->single;
	if (l->enumr)
		return *why = "enum", 0;
	if (p->leader)
		return *why = "leader", 0;
	if (p->docno || l->docno)
		return *why = "docno", 0;
	if (p->end == END_CONT)
		return *why = "cont", 1;
	/* The addressees after a document number end with a colon. */
	if (para_after_docno && last_colon)
		return *why = "addressee", 0;
	/* Rows of a name table (贾永祥 乙市人民政府市长) stand alone. */
	if (p->namerow)
		return *why = "namerow", 0;
	/* A contents entry wrapped over lines runs to its dot leader. */
	if (l->leader && !l->hanful)
		return *why = "leader-line", 1;
	if (*Wp < 0)
		*Wp = local_width(columnp);
	W = *Wp;
	column = *columnp;
	/* (qleader counts the leaders of the text lines in the queue, l's
	 * not among them here: none, and no next line has one.) */
	if (p->end != END_TERM && p->width * 2 >= W && (l->leader ||
	    (l->end == END_NONE && qleader > 0 && (l2 = next_text(qi)) != NULL &&
	    l2->leader)))
		return *why = "toc", 1;
	/*
	 * Is the previous line full?  A line much wider than the column
	 * belongs to another layout (a single-column notice on a
	 * two-column page), and the line before it is full only if it is
	 * as wide.  The first line of a paragraph is indented two
	 * characters.  A line is full when the next line's first unit
	 * (a character, a number) would not have fitted after it.
	 */
	cap = l->width > W + 8 ? l->width : W;
	line_cap = cap - (first ? 4 : 0);
	tol = p->halfw || p->end == END_NONE ? 3 : 2;
	unit = first_unit(&l->text);
	full = p->width + (unit > tol ? unit : tol) >= line_cap;
	/* "key：value" lines (咨询电话：…, 成员单位：…) start paragraphs,
	 * unless the key is the tail of a clause opened before. */
	if (l->label && !p->clause_open && (first || !full || p->end == END_TERM))
		return *why = "label", 0;
	/* A line wider than the column but no second column wide is a
	 * display line, a title set across the page. */
	if (column && p->end == END_NONE && p->width >= W + 3 && p->width < 2 * W - 4 &&
	    l->width < p->width - 4)
		return *why = "display", 0;
	if (p->end == END_NONE)
		return *why = full ? "full" : "short", full;
	if (!full)
		return *why = "short-term", 0;
	/* A full line that ends a sentence: the next line tells.  A
	 * continuation line is as wide as the column, and the last line of
	 * a paragraph ends a sentence too; anything else is the first line
	 * of the next paragraph. */
	/* A clause in brackets on a line of its own closes the sentence
	 * before it: （责任单位：各区人民政府）. */
	if (clause_line(l))
		return *why = "clause", 1;
	/* Without a column to measure by, a one-line paragraph that ends a
	 * sentence is a list item (X的Y职务；); a longer paragraph may end
	 * on the next line. */
	if (!column)
		return *why = "term-no-column", !first && l->end == END_TERM;
	if (l->width >= cap - tol)
		return *why = "term-next-full", 1;
	if (l->end == END_TERM)
		return *why = "term-next-last", 1;
	return *why = "term-next-new", 0;
}

/* ---- processing ---- */

/* Does a page mark follow queue index i, before any text?  Then a page
 * number at i is a footer. */
static int
mark_follows(size_t i)
{
	for (i++; i < qlen; i++) {
		struct line *n = QAT(i);

		if (is_page_mark(n))
			return 1;
		if (n->kind == L_TEXT || n->kind == L_MARK || n->kind == L_PAGENO)
			return 0;
	}
	return eof;    /* the last line of the input ends its page */
}

static void
process_text(size_t qi, struct line *l)
{
	const char *why = "first";
	int column = 0, W = debug ? local_width(&column) : -1;

	if (!l->ff && is_page_mark(l))
		ps_push();    /* form feeds are counted in process_line */
	if (l->reason != NULL)
		write_dropped(l, l->reason);
	if (!have_para) {
		para_begin(l);
	} else if (joins(last, l, qi, &W, &column, &why)) {
		para_join(l);
	} else {
		para_finish();
		para_begin(l);
	}
	if (debug)
		fprintf(stderr, "%6ld W%5.1f%c w%5.1f %-16s %.*s\n", l->lineno, W / 2.0,
		    column ? 'c' : ' ', l->width / 2.0, why, (int)l->text.len, l->text.p);
	ps[nps - 1].chars += (long)l->text.len;
	gap_known = 1;
}

/* Is there a page-number line among the k entries after queue index i? */
static int
pageno_after(size_t i, int k)
{
	for (i++; i < qlen && k > 0; i++, k--)
		if (QAT(i)->kind == L_PAGENO)
			return 1;
	return 0;
}

static void
process_line(size_t qi)
{
	struct line *l = QAT(qi);

	if (l->ff)
		ps_push();    /* on text, furniture or alone */
	if (l->kind == L_HEADER) {
		/* A running header is furniture when it names a section, sits
		 * by a page number, or repeats; a first bare one is the
		 * masthead. */
		int repeat = last_header.len == l->text.len &&
		    memcmp(last_header.p, l->text.p, l->text.len) == 0;

		if (l->header_section || prev_pageno_dist <= 2 || pageno_after(qi, 2) || repeat) {
			int h = hdr_intern(l->text.p, l->text.len);

			/* It heads the page it stands on when that page has no
			 * text yet; else the page that starts next. */
			if (ps[nps - 1].chars == 0 && nps > 1)
				ps[nps - 1].hdr = h;
			else
				pending_hdr = h;
			buf_reset(&last_header);
			buf_add(&last_header, l->text.p, l->text.len);
			write_dropped(l, "running-header");
			gap_known = 0;
			prev_pageno_dist++;
			return;
		}
		l->kind = L_TEXT;
	}
	if (l->kind == L_PAGENO) {
		write_dropped(l, "page-number");
		gap_known = 0;
		prev_pageno_dist = 0;
		zone_open = 0;
		/* At the top of a page the number is that page's; at the foot
		 * (a page mark follows) it is the number of the page that
		 * ends, and the mark starts the next. */
		if (!l->ff && !mark_follows(qi))
			ps_push();
		page_assert(l->pageno);
		return;
	}
	prev_pageno_dist++;
	if (l->kind == L_MARK) {
		write_dropped(l, "form-feed");
		gap_known = 0;
		return;
	}
	if (l->kind == L_DROP) {
		write_dropped(l, l->reason);
		gap_known = 0;
		return;
	}
	if (zone_open) {
		if (++zone_lines > 30 || has_cjk_punct(&l->text)) {
			zone_open = 0;    /* prose, a contents entry, a number */
		} else if (mangled(l)) {
			write_dropped(l, "masthead-garbage");
			gap_known = 0;
			return;
		}
	}
	process_text(qi, l);
}

/* Moves window w on by one text line: the line radius before the
 * head leaves it, the one radius + 1 after comes in when read. */
static inline void
window_move(struct win *w)
{
	long t = tseq_cur + w->radius + 1;
	int in = t < tseq_read, bi = 0, ci = 0;

	if (in) {
		bi = ahead_b[t & (QCAP - 1)];
		ci = ahead_c[t & (QCAP - 1)];
	}
	if (tseq_cur >= w->radius) {
		long old = (tseq_cur - w->radius) & (QCAP - 1);

		/* Lines of the same bin and class leave the counts as they
		 * are (about a third in running text); only the highest
		 * bin ever used may see the bin for the first time. */
		if (in && ahead_b[old] == bi && ahead_c[old] == ci) {
			if (bi > w->hi)
				w->hi = bi;
			return;
		}
		win_add(w, ahead_b[old], ahead_c[old], -1);
	}
	if (in)
		win_add(w, bi, ci, 1);
}

/* Slides the windows by one text line, after the head line. */
static void
window_slide(void)
{
	window_move(&wnear);
	window_move(&wfar);
	tseq_cur++;
}

static int
clean_one(FILE *fp, const char *name)
{
	size_t i;
	long seen;

	src = name;
	eof = 0;
	qhead = qlen = 0;
	qtext = 0;
	qleader = 0;
	pending_blanks = 0;
	nlines_seen = 0;
	memset(&wnear, 0, sizeof wnear);
	memset(&wfar, 0, sizeof wfar);
	wnear.radius = NEAR;
	wfar.radius = AHEAD;
	wnear.dirty = wfar.dirty = 1;
	tseq_cur = tseq_read = 0;
	zone_open = 1;
	zone_lines = 0;
	buf_reset(&last_header);
	prev_pageno_dist = 1000;
	while (nhdr > 0)
		free(hdr_tab[--nhdr]);
	pending_hdr = -1;
	nps = 0;
	ps_push();
	anchor_known = 0;
	anchor_num = 0;
	buf_flush(&rows, stdout);
	npend = 0;
	buf_reset(&arena);
	have_para = 0;
	gap_known = 0;
	last_plain_page = -1;
	if (dec_open(&dec, fp, name, opt_from, opt_strict) < 0) {
		int st = dec.ioerr || opt_from != NULL ? EXIT_USAGE : EXIT_DATA;

		dec_close(&dec);
		return st;    /* unreadable, an unknown encoding: 2; binary: 1 */
	}
	while (qlen < SNIFF_LINES && read_line())
		;
	sniff_layout();
	/* The first windows: the first text line and radius after it. */
	for (i = 0, seen = 0; i < qlen && seen <= AHEAD; i++) {
		struct line *l = QAT(i);

		if (!l->istext)
			continue;
		if (seen <= NEAR)
			win_add(&wnear, wbin(l->width), l->wclass, 1);
		win_add(&wfar, wbin(l->width), l->wclass, 1);
		seen++;
	}
	stdout_used = 1;    /* an error from before: stop after a line, as ever */
	while (qlen > 0) {
		struct line *l = QAT(0);

		fill_text(AHEAD + 3);
		process_line(0);
		if (l->istext) {
			window_slide();
			qtext--;
			qleader -= l->leader;
		}
		qhead = (qhead + 1) & (QCAP - 1);
		qlen--;
		if (stdout_used) {
			stdout_used = 0;
			if (ferror(stdout))
				break;
		}
	}
	para_finish();
	/* The end: number what waits by counting from the anchor. */
	number_starts(0);
	commit();
	if (nlines_seen == 0)
		diag_warn(src, 0, "empty input");
	dec_close(&dec);
	if (dec.ioerr)
		return EXIT_USAGE;
	return dec.failed ? EXIT_DATA : EXIT_OK;
}

/* Cleans one file and, with --report, writes its row of counts. */
static int
clean_file(FILE *fp, const char *name)
{
	int status;

	n_paragraphs = n_dropped = max_page = 0;
	memset(&dec, 0, sizeof dec);
	status = clean_one(fp, name);
	if (report_fp != NULL) {
		tsv_put(report_fp, name, strlen(name));
		/* The encoding is escaped too: it may be an -f argument
		 * that iconv refused, TAB and all. */
		putc('\t', report_fp);
		tsv_put(report_fp, dec.enc[0] ? dec.enc : "-", strlen(dec.enc[0] ? dec.enc : "-"));
		fprintf(report_fp, "\t%ld\t%ld\t", nlines_seen, n_paragraphs);
		if (max_page > 0)
			fprintf(report_fp, "%ld", max_page);
		fprintf(report_fp, "\t%ld\t%ld\t%d\n", n_dropped, dec.ninvalid, status);
	}
	return status;
}

int
main(int argc, char **argv)
{
	int i, status;
	static const char *const cols[] = {"page", "line", "text", "header"};

	diag_init(argv[0]);
	i = opts_parse(argc, argv, options, usage,
	    "Clean the OCR text of a gazette into paragraphs.", handle);
	diag_strict = opt_strict;
	debug = getenv("GAZETTE_DEBUG") ? atoi(getenv("GAZETTE_DEBUG")) : 0;
	if (opt_dropped != NULL) {
		dropped_fp = fopen(opt_dropped, "w");
		if (dropped_fp == NULL)
			die(EXIT_USAGE, "%s: cannot write: %s", opt_dropped, strerror(errno));
		fputs("line\treason\toriginal\n", dropped_fp);
	}
	if (opt_report != NULL) {
		report_fp = fopen(opt_report, "w");
		if (report_fp == NULL)
			die(EXIT_USAGE, "%s: cannot write: %s", opt_report, strerror(errno));
		fputs("source\tencoding\tlines\tparagraphs\tpages\tdropped\tinvalid\tstatus\n",
		    report_fp);
	}
	compile_patterns();
	mark_flags_init();
	/* The row buffer, before the per-file buffers: made later, it sat
	 * at the top of the heap, and every file's decoder buffers were
	 * taken from and given back to the system (brk) again. */
	buf_reserve(&rows, 65536 + PARA_MAX + 4096);
	if (!opt_plain)
		tsv_put_header(stdout, cols, 4);
	status = gz_foreach_file(argc, argv, i, clean_file);
	if (dropped_fp != NULL && (fflush(dropped_fp) != 0 || ferror(dropped_fp) ||
	    fclose(dropped_fp) != 0)) {
		diag_msg(NULL, 0, "%s: write error: %s", opt_dropped, strerror(errno));
		status = EXIT_USAGE;
	}
	if (report_fp != NULL && (fflush(report_fp) != 0 || ferror(report_fp) ||
	    fclose(report_fp) != 0)) {
		diag_msg(NULL, 0, "%s: write error: %s", opt_report, strerror(errno));
		status = EXIT_USAGE;
	}
	return diag_finish(status);
}
