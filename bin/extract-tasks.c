/*
 * extract-tasks: the paragraph stream -> policy tasks (SPEC 4).
 *
 * A task is an enumerated item (or an unnumbered paragraph right under
 * a heading) that ends with a responsibility clause.  Each gets the
 * numeric path of its enumerator and the headings above it, the title
 * of its nearest enclosing heading, its text without the clause, the
 * units of the clause by role (lib/clause.c) and its deadline
 * (lib/date.c; a deadline without a year takes the document's signing
 * year, never today's).
 *
 * A document is held until it ends, for its signing date comes after
 * its items.
 */
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

static const char usage[] = "extract-tasks [--all] [--strict] [file ...]";

enum { OPT_ALL = 256, OPT_STRICT };

static const struct gz_opt options[] = {
	{OPT_ALL, "all", 0, NULL, "also emit enumerated items without a clause"},
	{OPT_STRICT, "strict", 0, NULL, "treat warnings as errors (exit status 1)"},
	{0, NULL, 0, NULL, NULL}
};

static int opt_all;

static void
handle(int val, const char *arg)
{
	(void)arg;
	if (val == OPT_ALL)
		opt_all = 1;
	else if (val == OPT_STRICT)
		diag_strict = 1;
}

static const char *const out_cols[] = {
	"source", "doc", "doc_number", "task", "path", "heading", "text", "lead_units",
	"responsible_units", "cooperating_units", "local_units", "deadline",
	"deadline_text", "page", "line", "clause"
};
#define NOUT (sizeof out_cols / sizeof out_cols[0])

/* The stream, and the document held: its source, number and rows. */
static struct doc_stream ds = {.cur_doc = -1};
static const char *srcname;

/* The heading hierarchy: numbers and titles by level. */
#define LEVELS 6
static int lnum[LEVELS + 1];
static struct buf ltitle[LEVELS + 1];
static int ltitle_plain[LEVELS + 1];  /* 1 no byte TSV escapes in it, 0 some, -1 not known yet */
/* A heading's text, its title cut from it only when a task asks for
 * it (most headings have no task right under them): NULL once cut. */
static const char *lbody[LEVELS + 1];
static size_t lbody_len[LEVELS + 1];
static int deepest;           /* deepest level set, 0 none */
static int dirty = LEVELS;    /* levels above it hold nothing to reset */
static int unnumbered;        /* paragraphs under the current heading */
static int attachment;        /* attachment number, 0 in the document */
static int restarted;         /* numbering started again in it */
static int first_in_attachment;

static const char *
T(const struct doc_row *r)
{
	return doc_row_text(&ds, r);
}

/* The first byte tells most kinds apart without a call. */
static int
is_kind(const struct doc_row *r, const char *k)
{
	return ds.arena.p[r->kind_off] == k[0] && doc_row_is(&ds, r, k);
}

/* Is row r a body row?  The kind asked about at every row, compared in
 * place: each test stops at the first difference, at the latest at
 * the NUL that ends the row's kind. */
static inline int
is_body(const struct doc_row *r)
{
	const char *p = ds.arena.p + r->kind_off;

	return p[0] == 'b' && p[1] == 'o' && p[2] == 'd' && p[3] == 'y' && p[4] == '\0';
}

/* Rows gathered before they are written: about stdio's own buffer. */
#define ROW_FLUSH 4096

/* The row being written.  Fields gather here and go out in one fwrite
 * at its end; a field that holds a byte TSV escapes (TAB, LF, CR,
 * backslash: rare) goes through tsv_put after what came before it. */
static struct buf row;

/* Appends s[0..n) to the row: room is made by buf_reserve only when
 * the buffer is short, the steady state copies in place. */
static inline void
row_add(const char *s, size_t n)
{
	if (row.cap - row.len <= n)
		buf_reserve(&row, n);
	if (n > 0)
		memcpy(row.p + row.len, s, n);
	row.len += n;
}

static void
row_sep(int last)
{
	if (row.cap - row.len <= 1)
		buf_reserve(&row, 1);
	row.p[row.len++] = last ? '\n' : '\t';
	if (last)
		buf_flush(&row, stdout);
}

static void
put(const char *s, size_t n, int last)
{
	if (tsv_needs_escape(s, n)) {
		buf_flush(&row, stdout);
		tsv_put(stdout, s, n);
	} else {
		row_add(s, n);
	}
	row_sep(last);
}

/* A field that holds none of the bytes TSV escapes: paths, ISO dates,
 * or text checked already. */
static void
put_plain(const char *s, size_t n, int last)
{
	row_add(s, n);
	row_sep(last);
}

/* A field that is plain when `plain` says so, else put. */
static void
put_if(int plain, const char *s, size_t n, int last)
{
	if (plain)
		put_plain(s, n, last);
	else
		put(s, n, last);
}

static void
put_num(long v, int last)
{
	char num[24];

	put_plain(num, (size_t)(fmt_long(num, v) - num), last);
}

/* The path of a level: the numbers of the levels set down to it.  It
 * is made in a local array (an int is at most 11 characters, a
 * separator one more) and added at once. */
static void
path_of(int level, struct buf *out)
{
	int k;
	char path[(LEVELS + 1) * 12], *q = path;

	buf_reset(out);
	if (attachment >= 2 && restarted) {
		q = fmt_long(q, attachment);
		*q++ = '/';
	}
	for (k = 1; k <= level; k++) {
		if (lnum[k] == 0)
			continue;
		if (q > path && q[-1] != '/')
			*q++ = '.';
		q = fmt_long(q, lnum[k]);
	}
	buf_add(out, path, (size_t)(q - path));
}

/* A heading's title: its text up to the first stop, without it, and
 * without the ：or ；before it.  Cut when first asked for. */
static const struct buf *
title(int level)
{
	const char *s = lbody[level], *stop;
	size_t n = lbody_len[level];

	if (s != NULL) {
		stop = text_find(s, n, "。", 3);
		buf_reset(&ltitle[level]);
		buf_add(&ltitle[level], s, stop ? (size_t)(stop - s) : n);
		while (ltitle[level].len >= 3 &&
		    (memcmp(ltitle[level].p + ltitle[level].len - 3, "：", 3) == 0 ||
		    memcmp(ltitle[level].p + ltitle[level].len - 3, "；", 3) == 0))
			ltitle[level].len -= 3;
		ltitle_plain[level] = -1;
		lbody[level] = NULL;
	}
	return &ltitle[level];
}

/* The title of the nearest heading above level. */
static const struct buf *
heading_above(int level)
{
	int k;

	for (k = level - 1; k >= 1; k--)
		if (lnum[k] != 0)
			return title(k);
	return NULL;
}

/* A heading's text, s[0..n): it lies in the document's arena, which
 * stays put until the document is done. */
static void
set_title(int level, const char *s, size_t n)
{
	lbody[level] = s;
	lbody_len[level] = n;
}

static void
reset_levels(int from)
{
	int k;

	for (k = from; k <= dirty; k++) {
		lnum[k] = 0;
		buf_reset(&ltitle[k]);
		ltitle_plain[k] = -1;
		lbody[k] = NULL;
	}
	if (dirty >= from)
		dirty = from - 1;
	if (deepest >= from)
		deepest = from - 1;
}

/* Is the enumerated row i a heading rather than an item: no sentence
 * in it, or items of a deeper level right after it? */
static int
is_heading(size_t i, int level, const char *s, size_t n)
{
	struct enumr e;
	size_t j;

	if (!text_find(s, n, "。", 3) && !text_find(s, n, "；", 3) && !text_find(s, n, "！", 3))
		return 1;
	for (j = i + 1; j < ds.nrows; j++) {
		if (!is_body(&ds.rows[j]))
			continue;
		return doc_enumerator(T(&ds.rows[j]), ds.rows[j].len, &e) &&
		    (e.level < 0 ? -e.level : e.level) > level;
	}
	return 0;
}

static long task_no;
static int source_plain, docno_plain;  /* the document's, as ltitle_plain */
static int rows_plain;                 /* its rows' texts, as ltitle_plain */
static int sign_year;
static struct ymd sign_date;

/* The first deadline in s[0..n) whose written year puts it no earlier
 * than the signing month: 2000年底前建成的小区 tells when the estates
 * were built, not when the work is due.  One without a year takes the
 * signing year, as SPEC says, early or not. */
static int
deadline_in(const char *s, size_t n, int year, struct ymd *d, size_t *so, size_t *eo)
{
	size_t start = 0;

	while (start < n && deadline_find(s + start, n - start, year, d, so, eo)) {
		*so += start;
		*eo += start;
		if (d->implied || sign_date.y == 0 || d->y * 100 + d->m >= sign_date.y * 100 + sign_date.m)
			return 1;
		start = *eo;
	}
	return 0;
}

/* Writes a row whose fields hold no byte TSV escapes (nearly all) in
 * place: room for all of it is made once, and each field is copied
 * without a test. */
static char *
copy(char *p, const char *s, size_t n)
{
	if (n > 0)
		memcpy(p, s, n);
	return p + n;
}

static void
row_fast(const struct doc_row *r, const char *text, size_t tlen, const struct buf *path,
    const char *heading, size_t hlen, const struct clause_units *u, const char *iso,
    const char *dl_text, size_t dl_len, const char *clause, size_t clen)
{
	char *p;

	buf_reserve(&row, ds.cur_source.len + ds.docno.len + path->len + hlen + tlen +
	    u->lead.len + u->resp.len + u->coop.len + u->local.len + 10 + dl_len + clen +
	    4 * 24 + 16);
	p = row.p + row.len;
	p = copy(p, ds.cur_source.p, ds.cur_source.len);
	*p++ = '\t';
	p = fmt_long(p, ds.cur_doc);
	*p++ = '\t';
	p = copy(p, ds.docno.p, ds.docno.len);
	*p++ = '\t';
	p = fmt_long(p, ++task_no);
	*p++ = '\t';
	p = copy(p, path->p, path->len);
	*p++ = '\t';
	p = copy(p, heading, hlen);
	*p++ = '\t';
	p = copy(p, text, tlen);
	*p++ = '\t';
	p = copy(p, u->lead.p, u->lead.len);
	*p++ = '\t';
	p = copy(p, u->resp.p, u->resp.len);
	*p++ = '\t';
	p = copy(p, u->coop.p, u->coop.len);
	*p++ = '\t';
	p = copy(p, u->local.p, u->local.len);
	*p++ = '\t';
	p = copy(p, iso, strlen(iso));
	*p++ = '\t';
	p = copy(p, dl_text, dl_len);
	*p++ = '\t';
	if (r->page > 0)
		p = fmt_long(p, r->page);
	*p++ = '\t';
	p = fmt_long(p, r->line);
	*p++ = '\t';
	p = copy(p, clause, clen);
	*p++ = '\n';
	row.len = (size_t)(p - row.p);
	/* Rows go out a few kilobytes at a time (and at the document's
	 * end): one fwrite a row cost more than building it. */
	if (row.len >= ROW_FLUSH)
		buf_flush(&row, stdout);
}

/* The units of the clause found last: clause_find may leave them
 * (u.parsed), emit writes them.  Kept from task to task: the steady
 * state allocates nothing. */
static struct clause_units units;

/* Writes one task (or, with --all, an item without a clause). */
static void
emit(const struct doc_row *r, const char *text, size_t tlen, const struct buf *path,
    const struct buf *heading, const char *clause, size_t clen, int have_clause)
{
	struct clause_units *u = &units;
	struct ymd d;
	size_t so, eo;
	char iso[11] = "";
	const char *dl_text = "";
	size_t dl_len = 0;

	if (!have_clause) {
		buf_reset(&u->lead);
		buf_reset(&u->resp);
		buf_reset(&u->coop);
		buf_reset(&u->local);
	} else {
		/* clause_find left the units of a clause it parsed to judge
		 * it (at least one); others are parsed here. */
		if (!u->parsed && clause_parse(clause, clen, u) == 0)
			diag_warn(srcname, r->line, "a clause with no units: %.*s", (int)clen, clause);
		const char *where = clause;
		int found = deadline_in(clause, clen, sign_year, &d, &so, &eo);

		if (!found) {
			where = text;
			found = deadline_in(text, tlen, sign_year, &d, &so, &eo);
		}
		if (found) {
			dl_text = where + so;
			dl_len = eo - so;
			date_iso(&d, iso);
		} else if (sign_year == 0) {
			/* A deadline without a year in a document without a
			 * signing date: written, not dated. */
			where = deadline_find(clause, clen, 1, &d, &so, &eo) ? clause :
			    deadline_find(text, tlen, 1, &d, &so, &eo) ? text : NULL;
			if (where != NULL) {
				dl_text = where + so;
				dl_len = eo - so;
				diag_warn(srcname, r->line, "deadline %.*s has no year and the document no date",
				    (int)dl_len, dl_text);
			}
		}
	}
	/* Text, clause and heading are cut from the document's rows; the
	 * units and the deadline from the text and the clause.  The rows
	 * lie in one arena: when it holds no byte TSV escapes (one
	 * memchr pass a document, made at its first task), none of them
	 * does; else text and clause are checked. */
	int plain, hplain = 1;
	const char *hp = heading && heading->p ? heading->p : "";
	size_t hlen = heading ? heading->len : 0;

	if (rows_plain < 0)
		rows_plain = !tsv_needs_escape(ds.arena.p, ds.arena.len);
	plain = rows_plain || (!tsv_needs_escape(text, tlen) && !(have_clause && tsv_needs_escape(clause, clen)));
	if (hlen > 0) {
		int *flag = &ltitle_plain[heading - ltitle];   /* heading is one of ltitle */

		if (*flag < 0)
			*flag = rows_plain || !tsv_needs_escape(heading->p, heading->len);
		hplain = *flag;
	}
	if (!have_clause)
		clause = "", clen = 0;
	if (plain && hplain && source_plain && docno_plain) {
		row_fast(r, text, tlen, path, hp, hlen, u, iso, dl_text, dl_len, clause, clen);
		return;
	}
	put_if(source_plain, ds.cur_source.p, ds.cur_source.len, 0);
	put_num(ds.cur_doc, 0);
	put_if(docno_plain, ds.docno.p ? ds.docno.p : "", ds.docno.len, 0);
	put_num(++task_no, 0);
	put_plain(path->p ? path->p : "", path->len, 0);
	put_if(hplain, hp, hlen, 0);
	put_if(plain, text, tlen, 0);
	put_if(plain, u->lead.p ? u->lead.p : "", u->lead.len, 0);
	put_if(plain, u->resp.p ? u->resp.p : "", u->resp.len, 0);
	put_if(plain, u->coop.p ? u->coop.p : "", u->coop.len, 0);
	put_if(plain, u->local.p ? u->local.p : "", u->local.len, 0);
	put_plain(iso, strlen(iso), 0);
	put_if(plain, dl_text, dl_len, 0);
	if (r->page > 0)
		put_num(r->page, 0);
	else
		put_plain("", 0, 0);
	put_num(r->line, 0);
	put_if(plain, clause, clen, 1);
}

/* Trims spaces at both ends of [*s, *s+*n). */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && **s == ' ')
		(*s)++, (*n)--;
	while (*n > 0 && (*s)[*n - 1] == ' ')
		(*n)--;
}

/* Does s start with an opening bracket?  A clause at 0 (the whole
 * paragraph) must; other paragraphs need no search for one. */
static int
opens(const char *s, size_t n)
{
	return (n >= 1 && s[0] == '(') || (n >= 3 && (memcmp(s, "（", 3) == 0 ||
	    memcmp(s, "〔", 3) == 0 || memcmp(s, "【", 3) == 0));
}

/* The enumerator of a row read ahead, kept for when its turn comes. */
static size_t ahead_row = (size_t)-1;
static int ahead_ok;
static struct enumr ahead_e;

/* The enumerator of row i, or NULL: it stays valid until another row
 * is asked about. */
static const struct enumr *
enumerator_of(size_t i)
{
	if (i != ahead_row) {
		ahead_row = i;
		ahead_ok = doc_enumerator(T(&ds.rows[i]), ds.rows[i].len, &ahead_e);
	}
	return ahead_ok ? &ahead_e : NULL;
}

/* May the paragraph row j be a clause standing on its own, one whose
 * bracket opens at its first byte?  It must open with a bracket; and
 * one that opens with a bracketed enumerator, （一） or (1), followed
 * by anything but final stops cannot be: the enumerator's bracket
 * closes, so the clause_find's bracket at 0 closes no final clause and
 * leaves none open.  Those are most of the paragraphs that open with
 * a bracket. */
static int
may_stand_alone(size_t j)
{
	const char *s = T(&ds.rows[j]);
	size_t n = ds.rows[j].len;
	const struct enumr *e;

	if (!opens(s, n))
		return 0;
	if ((e = enumerator_of(j)) != NULL && (e->level == 2 || e->level == 4)) {
		while (n >= 3 && (memcmp(s + n - 3, "。", 3) == 0 || memcmp(s + n - 3, "；", 3) == 0))
			n -= 3;
		if (n > e->len)
			return 0;
	}
	return 1;
}

/* Goes through the held document and writes its tasks. */
static void
finish_doc(void)
{
	size_t i;
	struct buf path = {0};
	struct ymd d;

	if (ds.cur_doc <= 0 || ds.nrows == 0)
		goto done;
	sign_year = 0;
	memset(&sign_date, 0, sizeof sign_date);
	for (i = 0; i < ds.nrows; i++)
		if (is_kind(&ds.rows[i], "date") && date_parse(T(&ds.rows[i]), ds.rows[i].len, &d, NULL)) {
			sign_year = d.y;
			sign_date = d;
			break;
		}
	source_plain = !tsv_needs_escape(ds.cur_source.p, ds.cur_source.len);
	docno_plain = !tsv_needs_escape(ds.docno.p, ds.docno.len);
	rows_plain = -1;
	ahead_row = (size_t)-1;
	reset_levels(1);
	unnumbered = 0;
	attachment = 0;
	restarted = 0;
	task_no = 0;
	for (i = 0; i < ds.nrows; i++) {
		struct doc_row *r = &ds.rows[i];
		const char *s = T(r), *body;
		size_t n = r->len, blen, op, cso, ceo;
		const struct enumr *e;
		int level, have_clause, closed = 1, is_item;
		const struct buf *heading;
		const char *clause_text;

		if (is_kind(r, "attachment")) {
			/* 附件2: a new attachment; 附件：1．… lists them. */
			if (!text_find(s, n, "：", 3) && !memchr(s, ':', n)) {
				attachment++;
				reset_levels(1);
				unnumbered = 0;
				restarted = 0;
				first_in_attachment = 1;
			}
			continue;
		}
		if (!is_body(r))
			continue;
		if ((e = enumerator_of(i)) != NULL) {
			level = e->level < 0 ? -e->level : e->level;
			if (level > LEVELS)
				level = LEVELS;
			body = s + e->len;
			blen = n - e->len;
			trim(&body, &blen);
			if (first_in_attachment) {
				restarted = e->num[0] == 1;
				first_in_attachment = 0;
			}
			if (e->level < 0) {
				/* 2.3.7: the number is the whole path. */
				int k;

				reset_levels(1);
				for (k = 0; k < level; k++)
					lnum[k + 1] = e->num[k];
			} else {
				reset_levels(level + 1);
				lnum[level] = e->num[0];
			}
			if (dirty < level)
				dirty = level;
			set_title(level, body, blen);
			deepest = level;
			unnumbered = 0;
			is_item = 1;
		} else {
			level = 0;
			body = s;
			blen = n;
			is_item = 0;
		}
		have_clause = clause_find(body, blen, &op, &cso, &ceo, &closed, &units);
		clause_text = body;
		if (!have_clause && i + 1 < ds.nrows && is_body(&ds.rows[i + 1]) &&
		    may_stand_alone(i + 1) &&
		    clause_find(T(&ds.rows[i + 1]), ds.rows[i + 1].len, &op, &cso, &ceo, &closed,
		    &units) && op == 0) {
			/* The clause stands in a paragraph of its own. */
			clause_text = T(&ds.rows[i + 1]);
			have_clause = 1;
			op = blen;
			i++;
		}
		if (is_item && !have_clause) {
			if (opt_all && !is_heading(i, level, body, blen)) {
				path_of(level, &path);
				emit(r, body, blen, &path, heading_above(level), "", 0, 0);
			}
			continue;
		}
		if (!have_clause)
			continue;
		if (!closed)
			diag_warn(srcname, r->line, "a clause that never closes: %.*s", (int)(ceo - cso),
			    clause_text + cso);
		{
			size_t tl = op;
			const char *tx = body;

			trim(&tx, &tl);
			if (is_item) {
				path_of(level, &path);
				heading = heading_above(level);
			} else {
				/* An unnumbered paragraph takes its heading's path;
				 * the second and later ones get #2, #3. */
				path_of(deepest, &path);
				if (++unnumbered > 1) {
					char num[16];

					snprintf(num, sizeof num, "#%d", unnumbered);
					buf_adds(&path, num);
				}
				heading = deepest ? title(deepest) : NULL;
			}
			emit(r, tx, tl, &path, heading, clause_text + cso, ceo - cso, 1);
		}
		if (ferror(stdout))
			break;
	}
done:
	buf_flush(&row, stdout);
	buf_free(&path);
}

static int
tasks_file(FILE *fp, const char *src)
{
	srcname = src;
	return doc_stream_read(&ds, fp, src, NULL, finish_doc);
}

int
main(int argc, char **argv)
{
	int i, status;

	diag_init(argv[0]);
	i = opts_parse(argc, argv, options, usage,
	    "The policy tasks of a gazette paragraph stream: who does what, by when.", handle);
	tsv_put_header(stdout, out_cols, (int)NOUT);
	status = gz_foreach_file(argc, argv, i, tasks_file);
	doc_stream_free(&ds);
	buf_free(&row);
	return diag_finish(status);
}
