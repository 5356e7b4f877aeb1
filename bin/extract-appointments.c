/*
 * extract-appointments: the paragraph stream -> personnel events
 * (SPEC 5): one row per person, position and action, from the notices
 * of appointment and removal (任免).
 *
 * The grammar of the decisions, not a dictionary of names, finds the
 * people:
 *   决定任命：X为Y（任期三年，2024年3月至2027年3月，试用期一年）；
 *   决定免去：X的Y、Z职务；
 *   A的P职务、B的Q职务随机构撤销自然免除。
 *   聘任X为Y；解聘X的Y职务；提名X为Y人选；X兼任Y；X挂职Y；
 *   X不再担任Y职务；X任Y。
 *   X任Y，免去其Z职务；任命X为Y，试用期一年。
 * A 决定 after the meeting (经……研究，) and the preamble opens a section
 * (决定任命：, 决定：, 现决定任免如下：) that sets the action of the
 * decisions after it, in its row (决定任命X为Y。) or the rows below; a
 * verb at the start of a decision sets its own.  A decision ends at a
 * stop (； 。) outside brackets: a row may hold several, and one may run
 * on over rows (a phrase broken by a page) until a section line, a
 * closing 特此通知 or a row that starts a decision of its own ends it
 * early, with a warning.  Before the first section and under 决定：, a
 * row that opens no decision is prose.  Within a decision, a clause after
 * a comma may decide on the persons of the one before (其), give its
 * posts their terms, or be a decision of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

static const char usage[] = "extract-appointments [--strict] [file ...]";

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
	"source", "doc", "doc_number", "sign_date", "meeting", "seq", "person", "action",
	"position", "term_start", "term_end", "probation_months", "page", "line"
};
#define NOUT (sizeof out_cols / sizeof out_cols[0])

enum action {
	A_NONE, A_APPOINT, A_REMOVE, A_LAPSE, A_HIRE, A_DISMISS, A_NOMINATE, A_CONCURRENT,
	A_SECONDMENT
};

static const char *const action_codes[] = {
	"", "appoint", "remove", "lapse", "hire", "dismiss", "nominate", "concurrent", "secondment"
};

/* Verbs that open a decision, or after 决定 a section of them; each is
 * two characters (verb_at counts on it). */
static const struct {
	const char *verb;
	enum action action;
} verbs[] = {
	{"任命", A_APPOINT}, {"免去", A_REMOVE}, {"免职", A_REMOVE}, {"聘任", A_HIRE},
	{"聘用", A_HIRE}, {"解聘", A_DISMISS}, {"提名", A_NOMINATE}, {NULL, A_NONE}
};

/* The stream, and the document held: its source, number and rows;
 * and the text of its first title row. */
static struct buf title;
static struct doc_stream ds = {.cur_doc = -1};
static const char *srcname;
static char sign_iso[11];

/* Distinct persons of the notice, for the head count: their names one
 * after another, and a hash table of where each starts, so that a notice
 * of many persons is counted in linear time. */
static struct buf persons;
static struct pslot {
	size_t off, len;    /* len 0: free */
} *pslots;
static size_t npslots;
static long npersons;

static const char *
T(const struct doc_row *r)
{
	return doc_row_text(&ds, r);
}

static int
is_kind(const struct doc_row *r, const char *k)
{
	return doc_row_is(&ds, r, k);
}

static inline int
starts(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s, w, k) == 0;
}

static inline int
ends(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s + n - k, w, k) == 0;
}

/* A word of a table with its length, so that scans need no strlen. */
struct word {
	const char *w;
	size_t len;
};
#define WORD(lit) {lit, sizeof lit - 1}

/* The length of the first word of ws (ended by a NULL word) that opens
 * s, or 0. */
static size_t
word_at(const char *s, size_t n, const struct word *ws)
{
	for (; ws->w != NULL; ws++)
		if (n >= ws->len && s[0] == ws->w[0] && memcmp(s, ws->w, ws->len) == 0)
			return ws->len;
	return 0;
}

/*
 * The bytes that may open a bracket or a separator of the scans below:
 * ( ) , ; : and space, and E3 and EF, which open 、 。 and the full-width
 * （ ） ， ； ：.  A scan looks closer only at these, one byte in ten or
 * so of Chinese text; every separator it looks for must open with one.
 */
static const unsigned char punct_lead[256] = {
	['('] = 1, [')'] = 1, [','] = 1, [';'] = 1, [':'] = 1, [' '] = 1, [0xE3] = 1, [0xEF] = 1
};

/*
 * The first i' >= i with punct_lead[s[i']], or n.  Eight bytes at a
 * time while a word can hold none: every byte of punct_lead is below
 * 0x40 or is E3 or EF, and (x - 0x01..) & ~x & 0x80.. is not 0 when a
 * byte of x is 0 (the lowest such byte takes no borrow; the same with
 * 0x40.. when a byte is below 0x40), so a word that passes the three
 * tests is passed over whole; one that does not (a digit, say) is read
 * byte by byte.  The test says only yes or no, the same in either byte
 * order.  With GNU C vectors, sixteen bytes a step first: the same
 * three tests, a compare each, and the flagged bytes looked at in order
 * (a digit is flagged, and passed); the words and bytes below take the
 * last fifteen or fewer.
 */
static size_t
next_punct(const char *s, size_t i, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), hi = UINT64_C(0x8080808080808080);

#ifdef UTF8_VEC
	while (n - i >= 16) {
		gz_u8x16 v;
		gz_u64x2 t;
		size_t h;

		memcpy(&v, s + i, 16);
		t = (gz_u64x2)(((v & GZ_U8X16(0xC0)) == GZ_U8X16(0)) | (v == GZ_U8X16(0xE3)) |
		    (v == GZ_U8X16(0xEF)));
		for (h = 0; h < 2; h++)
			for (; t[h] != 0; t[h] &= ~(UINT64_C(0xFF) << (__builtin_ctzll(t[h]) & 56))) {
				size_t k = i + 8 * h + ((unsigned)__builtin_ctzll(t[h]) >> 3);

				if (punct_lead[(unsigned char)s[k]])
					return k;
			}
		i += 16;
	}
#endif
	for (;;) {
		size_t end;

		while (n - i >= 8) {
			uint64_t w, e3, ef;

			memcpy(&w, s + i, 8);
			e3 = w ^ (ones * 0xE3);
			ef = w ^ (ones * 0xEF);
			if ((((w - ones * 0x40) & ~w) | ((e3 - ones) & ~e3) | ((ef - ones) & ~ef)) & hi)
				break;
			i += 8;
		}
		end = n - i >= 8 ? i + 8 : n;
		for (; i < end; i++)
			if (punct_lead[(unsigned char)s[i]])
				return i;
		if (i >= n)
			return n;
	}
}

/* Is s[i] an opening or a closing bracket, ( （ or ) ）? */
static int
opens_at(const char *s, size_t n, size_t i)
{
	return s[i] == '(' || (n - i >= 3 && memcmp(s + i, "（", 3) == 0);
}

static int
closes_at(const char *s, size_t n, size_t i)
{
	return s[i] == ')' || (n - i >= 3 && memcmp(s + i, "）", 3) == 0);
}

/* A person's name: two to four Han characters, or names joined by a
 * middle dot (阿不都·买买提). */
static int
is_name(const char *s, size_t n)
{
	size_t i = 0, len, han = 0, run = 0;
	int dots = 0;
	uint32_t c;

	while (i < n) {
		len = utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (len == 0)
			return 0;
		if (uni_is_han(c)) {
			han++;
			run++;
		} else if ((c == 0x00B7 || c == 0x30FB || c == 0xFF0E || c == 0x2022) && run > 0) {
			dots++;
			run = 0;
		} else {
			return 0;
		}
		i += len;
	}
	if (run == 0)
		return 0;
	return dots ? han >= 2 && han <= 16 : han >= 2 && han <= 4;
}

static size_t
person_hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
note_person(const char *s, size_t n)
{
	size_t i, k;

	if (n == 0)
		return;
	/* Keep the table at most half full. */
	if ((size_t)npersons * 2 >= npslots) {
		struct pslot *old = pslots;
		size_t nold = npslots;

		npslots = npslots ? npslots * 2 : 64;
		pslots = ecalloc(npslots, sizeof *pslots);
		for (k = 0; k < nold; k++)
			if (old[k].len > 0) {
				i = person_hash(persons.p + old[k].off, old[k].len) & (npslots - 1);
				while (pslots[i].len > 0)
					i = (i + 1) & (npslots - 1);
				pslots[i] = old[k];
			}
		free(old);
	}
	for (i = person_hash(s, n) & (npslots - 1); pslots[i].len > 0; i = (i + 1) & (npslots - 1))
		if (pslots[i].len == n && memcmp(persons.p + pslots[i].off, s, n) == 0)
			return;
	pslots[i].off = persons.len;
	pslots[i].len = n;
	buf_add(&persons, s, n);
	npersons++;
}

/* Names joined by 、 (李四、王五), none empty. */
static int
is_name_list(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *d;

	while ((d = text_find(p, (size_t)(end - p), "、", 3)) != NULL) {
		if (!is_name(p, (size_t)(d - p)))
			return 0;
		p = d + 3;
	}
	return is_name(p, (size_t)(end - p));
}

/* The verb that opens s (任命, 免去 …), with its length in *len; A_NONE
 * and 0 for none. */
static enum action
verb_at(const char *s, size_t n, size_t *len)
{
	int k;

	/* Every verb is two characters, six bytes. */
	for (k = 0; n >= 6 && verbs[k].verb; k++)
		if (memcmp(s, verbs[k].verb, 6) == 0) {
			*len = 6;
			return verbs[k].action;
		}
	*len = 0;
	return A_NONE;
}

/*
 * Does s hold a verb of the table or 任免?  A section line holds one,
 * and most rows of a gazette hold none, so this spares them the grammar.
 * Each of those words holds 免 (E5 85 8D), 名 (E5 90 8D), 聘 (E8 81 98)
 * or 命 (E5 91 BD): memchr finds the bytes 8D, 98 and 91, each in one
 * character of thirty or so, and the words are compared only where one
 * of those four characters is.
 */
static int
holds_verb(const char *s, size_t n)
{
	static const struct {
		char byte;
		int at;    /* its place in its character */
	} keys[] = {{'\x8D', 2}, {'\x98', 2}, {'\x91', 1}};
	static const char *const words[] = {"任命", "任免", "免去", "免职", "聘任", "聘用", "解聘",
	    "提名"};
	const char *p, *c, *end = s + n;
	size_t k, w;

	for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
		for (p = s; p < end && (p = memchr(p, keys[k].byte, (size_t)(end - p))) != NULL; p++) {
			if (p - s < keys[k].at || end - p < 3 - keys[k].at)
				continue;
			c = p - keys[k].at;    /* the character that holds p */
			if (memcmp(c, "免", 3) != 0 && memcmp(c, "名", 3) != 0 &&
			    memcmp(c, "聘", 3) != 0 && memcmp(c, "命", 3) != 0)
				continue;
			/* Each word is two characters: c may be either. */
			for (w = 0; w < sizeof words / sizeof words[0]; w++)
				if ((end - c >= 6 && memcmp(c, words[w], 6) == 0) ||
				    (c - s >= 3 && end - c >= 3 && memcmp(c - 3, words[w], 6) == 0))
					return 1;
		}
	return 0;
}

/*
 * text_find with the byte of w to look for chosen: w[key] should be
 * one that is rare in the text, where text_find takes the last.
 */
static const char *
find_by(const char *s, size_t n, const char *w, size_t m, size_t key)
{
	const char *p, *end;

	if (n < m)
		return NULL;
	p = s + key;
	end = s + n - (m - 1 - key);
	while (p < end && (p = memchr(p, w[key], (size_t)(end - p))) != NULL) {
		if (memcmp(p - key, w, m) == 0)
			return p - key;
		p++;
	}
	return NULL;
}

/* The forms of a decision that opens with its persons. */
enum form {
	F_NONE, F_AS, F_OF, F_CONCURRENT, F_SECONDMENT, F_NO_LONGER, F_TAKE
};

/*
 * Is the 任 at s + i the verb of X任Y?  A post must follow, not 任期,
 * 任职, 任命, 任免, 任务, 任用 (另有任用) and the like, and the
 * character before it must be no verb of its own (担任, 兼任, 聘任, 拟任,
 * 调任 …) nor make a word with it (主任, 责任): 张三担任 is no person
 * 张三担.
 */
static int
take_at(const char *s, size_t n, size_t i)
{
	static const char *const after[] = {"期", "职", "命", "免", "务", "用", "何", "意", "由", "教",
	    "内", NULL};
	static const char *const before[] = {"担", "兼", "聘", "拟", "调", "转", "改", "继", "留",
	    "连", "升", "主", "责", "专", "信", "现", "原", "曾", NULL};
	const char *p = s + i + 3;
	size_t rest = n - i - 3;
	uint32_t c;
	int k;

	if (rest == 0 || utf8_decode((const unsigned char *)p, rest, &c) == 0 || !uni_is_han(c))
		return 0;
	for (k = 0; after[k] != NULL; k++)
		if (starts(p, rest, after[k]))
			return 0;
	for (k = 0; before[k] != NULL; k++)
		if (ends(s, i, before[k]))
			return 0;
	return 1;
}

/* The longest run of persons looked at: the names of a long list; and
 * the longest first post of X的Y职务 that tells the form. */
#define NAME_RUN_MAX 256
#define POST_MAX 1024

/*
 * The form of a decision that opens with its persons: X为Y, X、W为Y
 * (F_AS); X的Y职务 (F_OF: 职务 must follow, or s end at 的); X兼任Y,
 * X挂职Y, X不再担任Y; X任Y, X、W任Y (F_TAKE).  The marker is the first one after a run of names,
 * looked for among the Han characters, middle dots and 、 that open s.
 * Returns the form, with the marker at s + *at, or F_NONE.
 */
static enum form
form_at(const char *s, size_t n, size_t *at)
{
	static const struct {
		const char *w;
		enum form f;
	} marks[] = {
		{"不再担任", F_NO_LONGER}, {"兼任", F_CONCURRENT}, {"挂职", F_SECONDMENT},
		{"为", F_AS}, {"的", F_OF}, {"任", F_TAKE}, {NULL, F_NONE}
	};
	size_t i, len, run = 0;
	uint32_t c;
	int k;

	/* The run of Han characters, dots and 、 that holds the names. */
	while (run < n && run < NAME_RUN_MAX &&
	    (len = utf8_decode((const unsigned char *)s + run, n - run, &c)) > 0 &&
	    (uni_is_han(c) || c == 0x00B7 || c == 0x30FB || c == 0xFF0E || c == 0x2022 || c == 0x3001))
		run += len;
	for (i = 0; i < run; i += len) {
		len = utf8_decode((const unsigned char *)s + i, run - i, &c);
		if (i == 0)
			continue;
		for (k = 0; marks[k].w != NULL; k++) {
			if (!starts(s + i, n - i, marks[k].w))
				continue;
			switch (marks[k].f) {
			case F_AS:
				if (!is_name_list(s, i))
					continue;
				break;
			case F_TAKE:
				if (!is_name_list(s, i) || !take_at(s, n, i))
					continue;
				break;
			case F_OF:
				/* 职务 ends the first post, which is never long:
				 * the window keeps a row of many 的 linear. */
				if (!is_name(s, i) || (i + 3 < n && text_find(s + i,
				    n - i < POST_MAX ? n - i : POST_MAX, "职务", 6) == NULL))
					continue;
				break;
			default:
				if (!is_name(s, i))
					continue;
			}
			*at = i;
			return marks[k].f;
		}
	}
	return F_NONE;
}

/* Does s open a decision: a verb, or persons and the word of a form? */
static int
starts_decision(const char *s, size_t n)
{
	size_t len;

	return verb_at(s, n, &len) != A_NONE || form_at(s, n, &len) != F_NONE;
}

/* Is s a decision, not prose, where no section gives an action: one
 * that opens with a verb or with its persons, or holds the word of a
 * form whose person is not where it should be (同意王五兼任…, 张三担任…),
 * which gives a warning rather than nothing. */
static int
looks_decision(const char *s, size_t n)
{
	return starts_decision(s, n) || text_find(s, n, "兼任", 6) || text_find(s, n, "挂职", 6) ||
	    text_find(s, n, "担任", 6) || text_find(s, n, "自然免除", 12);
}

/* Terms in the brackets after a position: 任期三年，2024年3月至2027年3月，
 * 试用期一年; 聘期三年. */
struct terms {
	char start[11], end[11];
	int probation;
};

/* Skips w at *s when it is there. */
static inline int
skip(const char **s, size_t *n, const char *w)
{
	if (!starts(*s, *n, w))
		return 0;
	*s += strlen(w);
	*n -= strlen(w);
	return 1;
}

/* A date as a term column: YYYY-MM, the day dropped. */
static int
term_date(const char **s, size_t *n, char out[11])
{
	struct ymd d;
	size_t used;

	if (!date_parse(*s, *n, &d, &used))
		return 0;
	date_iso(&d, out);
	out[7] = '\0';
	*s += used;
	*n -= used;
	return 1;
}

/* A span of time at the start of s: a number and 年, 个月 or 月, or 半年.
 * Returns its months, with its length in *used; -1 for none. */
static long
span_prefix(const char *s, size_t n, size_t *used)
{
	size_t u;
	long x;

	if (starts(s, n, "半年")) {
		*used = 6;
		return 6;
	}
	if ((x = cn_number(s, n, &u)) <= 0 || u == 0)
		return -1;
	if (starts(s + u, n - u, "个月")) {
		*used = u + 6;
		return x;
	}
	if (starts(s + u, n - u, "年")) {
		*used = u + 3;
		return x * 12;
	}
	if (starts(s + u, n - u, "月")) {
		*used = u + 3;
		return x;
	}
	return -1;
}

/* A span of time, the whole of s; its months, or -1. */
static long
span_months(const char *s, size_t n)
{
	size_t used;
	long m = span_prefix(s, n, &used);

	return m > 0 && used == n ? m : -1;
}

/*
 * Reads one part of a group of terms, and returns 1 only when the whole
 * part reads: 试用期一年 (为一年, 半年, 六个月), 任期三年 (聘期, 为三年; a
 * length without dates fills no column), 2024年3月至2027年3月 (任期 or 自
 * before it, 至, 到 or a dash between, 止 after), 任期至2026年12月.
 */
static int
term_part(const char *s, size_t n, struct terms *t)
{
	static const char *const seps[] = {"至", "到", "——", "—", "－", "–", "～", "~", "-", NULL};
	struct terms r = *t;
	long m;
	int k;

	if (skip(&s, &n, "试用期")) {
		skip(&s, &n, "为");
		if ((m = span_months(s, n)) <= 0)
			return 0;
		t->probation = (int)m;
		return 1;
	}
	if (skip(&s, &n, "任期") || skip(&s, &n, "聘期")) {
		const char *v = s;
		size_t vn = n;

		skip(&v, &vn, "为");
		if (span_months(v, vn) > 0)
			return 1;
	}
	if (!skip(&s, &n, "自"))
		skip(&s, &n, "从");
	if (!skip(&s, &n, "至") && !skip(&s, &n, "到")) {
		if (!term_date(&s, &n, r.start))
			return 0;
		skip(&s, &n, "起");
		for (k = 0; seps[k] != NULL; k++)
			if (skip(&s, &n, seps[k]))
				break;
		if (seps[k] == NULL)
			return 0;
	}
	if (!term_date(&s, &n, r.end))
		return 0;
	skip(&s, &n, "止");
	if (n != 0)
		return 0;
	*t = r;
	return 1;
}

/* Reads a group of terms, the text inside its brackets; returns 1 and
 * fills t only when every part of it, between ， ； 、, reads. */
static int
read_terms(const char *s, size_t n, struct terms *t)
{
	static const struct word seps[] = {WORD("，"), WORD("；"), WORD("、"), WORD(","), WORD(";"),
	    WORD(" "), {NULL, 0}};
	struct terms r = *t;
	size_t i = 0, start = 0;

	while (i <= n) {
		size_t sl = 0;

		if (i < n && !punct_lead[(unsigned char)s[i]]) {
			i = next_punct(s, i, n);    /* no separator before it */
			continue;
		}
		if (i < n)
			sl = word_at(s + i, n - i, seps);
		if (i == n || sl > 0) {
			if (i == start || !term_part(s + start, i - start, &r))
				return 0;
			if (i == n)
				break;
			i += sl;
			start = i;
		} else {
			i++;
		}
	}
	*t = r;
	return 1;
}

/* The rows of a document, assembled here and handed to stdio in one
 * fwrite: a call or two a field cost more than the field. */
static struct buf outrow;

/* Appends s[0..n) escaped for a TSV field, as tsv_put writes it (\t \n
 * \r \\), and the TAB or LF after it. */
static void
put(const char *s, size_t n, int last)
{
	size_t i, from = 0;

	if (n == 0) {    /* s may be NULL */
		buf_addc(&outrow, last ? '\n' : '\t');
		return;
	}
	buf_reserve(&outrow, n + 1);
	for (i = 0; i < n; i++) {
		char c = s[i];

		/* All four special bytes are below 0x60 and not printable
		 * letters; one comparison passes most bytes. */
		if ((unsigned char)c > '\\' || (c != '\t' && c != '\n' && c != '\r' && c != '\\'))
			continue;
		buf_add(&outrow, s + from, i - from);
		buf_addc(&outrow, '\\');
		buf_addc(&outrow, c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
		from = i + 1;
	}
	buf_add(&outrow, s + from, n - from);
	buf_addc(&outrow, last ? '\n' : '\t');
}

/* Appends s[0..n), which needs no escape, and the TAB or LF after it. */
static void
put_raw(const char *s, size_t n, int last)
{
	buf_add(&outrow, n > 0 ? s : "", n);
	buf_addc(&outrow, last ? '\n' : '\t');
}

/* A number as a field: no escape needed, and no snprintf. */
static void
put_num(long v, int last)
{
	char d[24];

	buf_add(&outrow, d, (size_t)(fmt_long(d, v) - d));
	buf_addc(&outrow, last ? '\n' : '\t');
}

/* A field the tool made, a date or an action code, which holds nothing
 * to escape. */
static void
put_plain(const char *s, int last)
{
	buf_adds(&outrow, s);
	buf_addc(&outrow, last ? '\n' : '\t');
}

/*
 * The rows of the document, held until it ends: a clause after a post
 * (，试用期一年) or a note under the list (以上同志试用期一年。) may
 * still complete them.  The names and posts are copied, since the text
 * of a decision is reused.
 */
struct out {
	size_t name_off, name_len, pos_off, pos_len;    /* in outtext */
	size_t meet_off, meet_len;                      /* in meetings */
	enum action action;
	struct terms t;
	int page;
	long line;
};

static struct out *outs;
static size_t nouts, capouts;
static struct buf outtext;

/* The meetings of the document, each named once, and the one that
 * decides the decisions being read. */
static struct buf meetings;
static size_t meet_off, meet_len;

static void
emit(const struct doc_row *r, const char *name, size_t nlen, enum action a,
    const char *pos, size_t plen, const struct terms *t)
{
	struct out *o;

	note_person(name, nlen);
	if (nouts == capouts) {
		capouts = capouts ? capouts * 2 : 64;
		outs = erealloc(outs, capouts * sizeof *outs);
	}
	o = &outs[nouts++];
	o->name_off = outtext.len;
	o->name_len = nlen;
	buf_add(&outtext, name, nlen);
	o->pos_off = outtext.len;
	o->pos_len = plen;
	buf_add(&outtext, pos, plen);
	o->meet_off = meet_off;
	o->meet_len = meet_len;
	o->action = a;
	o->t = *t;
	o->page = r->page;
	o->line = r->line;
}

/* Writes the rows held, numbered from 1, and forgets them. */
static void
flush_rows(void)
{
	size_t k;
	/* Never NULL, even when no notice named a meeting. */
	const char *meet = buf_cstr(&meetings), *text = buf_cstr(&outtext);
	/* The texts written come from four buffers: when none holds a byte
	 * to escape (a test of each, not of each field), they are copied
	 * as they are. */
	void (*put_text)(const char *, size_t, int) = tsv_needs_escape(meet, meetings.len) ||
	    tsv_needs_escape(text, outtext.len) || tsv_needs_escape(ds.cur_source.p, ds.cur_source.len) ||
	    tsv_needs_escape(ds.docno.p, ds.docno.len) ? put : put_raw;

	for (k = 0; k < nouts; k++) {
		const struct out *o = &outs[k];

		put_text(ds.cur_source.p, ds.cur_source.len, 0);
		put_num(ds.cur_doc, 0);
		put_text(ds.docno.p ? ds.docno.p : "", ds.docno.len, 0);
		put_plain(sign_iso, 0);
		put_text(meet + o->meet_off, o->meet_len, 0);
		put_num((long)(k + 1), 0);
		put_text(text + o->name_off, o->name_len, 0);
		put_plain(action_codes[o->action], 0);
		put_text(text + o->pos_off, o->pos_len, 0);
		put_plain(o->t.start, 0);
		put_plain(o->t.end, 0);
		if (o->t.probation > 0)
			put_num(o->t.probation, 0);
		else
			buf_addc(&outrow, '\t');
		if (o->page > 0)
			put_num(o->page, 0);
		else
			buf_addc(&outrow, '\t');
		put_num(o->line, 1);
	}
	buf_flush(&outrow, stdout);
	nouts = 0;
	buf_reset(&outtext);
}

/* Splits s at 、 outside brackets into at most max pieces; returns
 * their number.  What a longer list holds beyond them is left out with
 * a warning on the line of r. */
static size_t
split_list(const struct doc_row *r, const char *s, size_t n, const char **piece, size_t *plen,
    size_t max)
{
	size_t i = 0, start = 0, k = 0;
	int depth = 0;

	while (i < n && k < max) {
		if (!punct_lead[(unsigned char)s[i]])
			i = next_punct(s, i, n);
		else if (n - i >= 3 && memcmp(s + i, "（", 3) == 0)
			depth++, i += 3;
		else if (n - i >= 3 && memcmp(s + i, "）", 3) == 0)
			depth = depth > 0 ? depth - 1 : 0, i += 3;
		else if (depth == 0 && n - i >= 3 && memcmp(s + i, "、", 3) == 0) {
			piece[k] = s + start;
			plen[k++] = i - start;
			i += 3;
			start = i;
		} else
			i++;
	}
	if (k < max && n > start) {
		piece[k] = s + start;
		plen[k++] = n - start;
	} else if (n > start) {
		n -= start;
		diag_warn(srcname, r->line, "a list of more than %zu, the rest left out: %.*s", max,
		    (int)(n < 90 ? n : utf8_boundary(s + start, 90)), s + start);
	}
	return k;
}

/* Splits a position from the groups of terms that end it, from the
 * last back; fills t.  A group that does not read as terms stays with
 * the position, and so does any before it: 副局长（主持工作）, 工程（二期）. */
static size_t
position_terms(const char *s, size_t n, struct terms *t)
{
	while (ends(s, n, "）")) {
		size_t i = n - 3;
		int depth = 1;

		/* The bracket that opens the last group. */
		while (i > 0 && depth > 0) {
			i--;
			if (n - i >= 3 && memcmp(s + i, "）", 3) == 0)
				depth++;
			else if (n - i >= 3 && memcmp(s + i, "（", 3) == 0)
				depth--;
		}
		if (depth > 0 || !read_terms(s + i + 3, n - i - 6, t))
			break;
		n = i;
	}
	return n;
}

#define MAXLIST 64

/* The persons of a clause, whom 其 in the clauses after it names. */
struct persons {
	const char *name[MAXLIST];
	size_t len[MAXLIST];
	size_t n;
};

static void
add_person(struct persons *who, const char *s, size_t n)
{
	if (who == NULL || who->n == MAXLIST)
		return;
	if (who->n > 0 && who->len[who->n - 1] == n && memcmp(who->name[who->n - 1], s, n) == 0)
		return;
	who->name[who->n] = s;
	who->len[who->n++] = n;
}

/*
 * The word in a post that tells it holds a second decision, as where a
 * stop or a comma was lost and the next decision joined the post
 * (市水务局局长市农业农村局局长李四为市商务局局长): 为, a verb, 职务
 * before the end, or 任 where it reads as the verb of X任Y (see
 * take_at).  Returns the word, or NULL.
 */
static const char *
second_decision(const char *s, size_t n)
{
	static const char *const words[] = {"兼任", "挂职", "担任", "职务", NULL};
	/* The last bytes of 为 任 免 聘 名 职, one of which each of the
	 * words holds. */
	static const unsigned char last[256] = {
		[0xBA] = 1, [0xBB] = 1, [0x8D] = 1, [0x98] = 1, [0x8C] = 1
	};
	const char *p, *end = s + n;
	size_t i;
	int k;

	/* Most posts hold none of those characters: one pass proves it. */
	for (i = 2; i < n; i++)
		if (last[(unsigned char)s[i]] && (memcmp(s + i - 2, "为", 3) == 0 ||
		    memcmp(s + i - 2, "任", 3) == 0 || memcmp(s + i - 2, "免", 3) == 0 ||
		    memcmp(s + i - 2, "聘", 3) == 0 || memcmp(s + i - 2, "名", 3) == 0 ||
		    memcmp(s + i - 2, "职", 3) == 0))
			break;
	if (i >= n)
		return NULL;
	if (text_find(s, n, "为", 3) != NULL)
		return "为";
	for (k = 0; verbs[k].verb != NULL; k++)
		if (text_find(s, n, verbs[k].verb, strlen(verbs[k].verb)) != NULL)
			return verbs[k].verb;
	for (k = 0; words[k] != NULL; k++) {
		size_t m = strlen(words[k]);

		if ((p = text_find(s, n, words[k], m)) != NULL && !(m == 6 && p + m == end &&
		    strcmp(words[k], "职务") == 0))
			return words[k];
	}
	for (p = s; (p = text_find(p, (size_t)(end - p), "任", 3)) != NULL; p += 3)
		if (p > s && take_at(s, n, (size_t)(p - s)))
			return "任";
	return NULL;
}

/* Holds a row, but first warns when the post holds a second decision
 * (see second_decision); warn says whether to look. */
static void
emit_post(const struct doc_row *r, const char *name, size_t nlen, enum action a,
    const char *pos, size_t plen, const struct terms *t, int warn)
{
	const char *w;

	if (warn && (w = second_decision(pos, plen)) != NULL)
		diag_warn(srcname, r->line, "a post that holds a second decision (%s): %.*s", w,
		    (int)plen, pos);
	emit(r, name, nlen, a, pos, plen, t);
}

/* X的Y、Z职务、A的B职务: one row per person and position; the persons
 * go to who when it is not NULL. */
static int
parse_of_list(const struct doc_row *r, const char *s, size_t n, enum action a, struct persons *who)
{
	const char *piece[MAXLIST];
	size_t plen[MAXLIST], k, np = split_list(r, s, n, piece, plen, MAXLIST);
	const char *name = NULL;
	size_t nlen = 0;
	int rows_out = 0;
	struct terms t;

	for (k = 0; k < np; k++) {
		const char *p = piece[k], *de = text_find(p, plen[k], "的", 3);
		size_t l = plen[k];

		if (de != NULL && is_name(p, (size_t)(de - p))) {
			name = p;
			nlen = (size_t)(de - p);
			p = de + 3;
			l -= nlen + 3;
			add_person(who, name, nlen);
		} else if (name == NULL) {
			diag_warn(srcname, r->line, "no person in: %.*s", (int)plen[k], piece[k]);
			continue;
		}
		memset(&t, 0, sizeof t);
		l = position_terms(p, l, &t);
		if (ends(p, l, "职务"))
			l -= 6;
		if (l == 0)
			continue;
		emit_post(r, name, nlen, a, p, l, &t, 1);
		rows_out++;
	}
	return rows_out;
}

/*
 * Every person of who gets every post of the list s: a row each.  A
 * post without terms of its own takes those of the last post; duty
 * drops a final 职务 from each post, and a nomination drops 人选.
 */
static int
emit_posts(const struct doc_row *r, const struct persons *who, const char *s, size_t n,
    enum action a, int duty)
{
	const char *posv[MAXLIST];
	size_t pl[MAXLIST], npos, i, j;
	struct terms t;
	int out = 0;

	npos = split_list(r, s, n, posv, pl, MAXLIST);
	for (i = 0; i < who->n; i++)
		for (j = 0; j < npos; j++) {
			size_t l;

			memset(&t, 0, sizeof t);
			l = position_terms(posv[j], pl[j], &t);
			/* Terms after the last position belong to all. */
			if (j + 1 < npos) {
				struct terms last = {"", "", 0};

				position_terms(posv[npos - 1], pl[npos - 1], &last);
				if (t.start[0] == '\0' && t.probation == 0)
					t = last;
			}
			if (a == A_NOMINATE && ends(posv[j], l, "人选"))
				l -= 6;
			if (duty && ends(posv[j], l, "职务"))
				l -= 6;
			if (l == 0)
				continue;
			emit_post(r, who->name[i], who->len[i], a, posv[j], l, &t, i == 0);
			out++;
		}
	return out;
}

/* X为Y、Z（terms）; X、W为Y; (提名) X为Y人选; X任Y: the persons before
 * the marker at s + at, of mlen bytes, the posts after it.  The persons
 * go to who. */
static int
parse_persons(const struct doc_row *r, const char *s, size_t n, size_t at, size_t mlen, enum action a,
    struct persons *who)
{
	const char *names[MAXLIST];
	size_t nl[MAXLIST], nn, i;

	nn = split_list(r, s, at, names, nl, MAXLIST);
	for (i = 0; i < nn; i++) {
		if (!is_name(names[i], nl[i])) {
			diag_warn(srcname, r->line, "no person in: %.*s", (int)n, s);
			return 0;
		}
	}
	for (i = 0; i < nn; i++)
		add_person(who, names[i], nl[i]);
	return emit_posts(r, who, s + at + mlen, n - at - mlen, a, 0);
}

static int
parse_as(const struct doc_row *r, const char *s, size_t n, enum action a, struct persons *who)
{
	const char *wei = text_find(s, n, "为", 3);

	if (wei == NULL) {
		diag_warn(srcname, r->line, "no 为 in an appointment: %.*s", (int)n, s);
		return 0;
	}
	return parse_persons(r, s, n, (size_t)(wei - s), 3, a, who);
}

/* X兼任Y, X挂职Y, X不再担任Y职务; the person goes to who. */
static int
parse_verb_between(const struct doc_row *r, const char *s, size_t n, const char *verb, enum action a,
    struct persons *who)
{
	const char *v = text_find(s, n, verb, strlen(verb));

	if (v == NULL || !is_name(s, (size_t)(v - s))) {
		diag_warn(srcname, r->line, "no person in: %.*s", (int)n, s);
		return 0;
	}
	add_person(who, s, (size_t)(v - s));
	return emit_posts(r, who, v + strlen(verb), n - (size_t)(v + strlen(verb) - s), a, 1);
}

/*
 * One clause of a decision that names its persons; *mode is the action
 * of the section or of the verb before, and a verb that opens the
 * clause sets it.  The persons go to who.
 */
static void
decide_clause(const struct doc_row *r, const char *s, size_t n, enum action *mode, struct persons *who)
{
	enum action v;
	size_t at, len;

	who->n = 0;
	if ((v = verb_at(s, n, &len)) != A_NONE) {
		*mode = v;
		s += len;
		n -= len;
	}
	if (text_find(s, n, "不再担任", 12) != NULL) {
		parse_verb_between(r, s, n, "不再担任", A_REMOVE, who);
		return;
	}
	if (text_find(s, n, "兼任", 6) && !text_find(s, n, "为", 3)) {
		parse_verb_between(r, s, n, "兼任", A_CONCURRENT, who);
		return;
	}
	if (text_find(s, n, "挂职", 6) && !text_find(s, n, "为", 3)) {
		parse_verb_between(r, s, n, "挂职", A_SECONDMENT, who);
		return;
	}
	/* X任Y, where no section or verb says otherwise. */
	if ((*mode == A_NONE || *mode == A_APPOINT) && form_at(s, n, &at) == F_TAKE) {
		parse_persons(r, s, n, at, 3, A_APPOINT, who);
		return;
	}
	switch (*mode) {
	case A_APPOINT:
	case A_HIRE:
	case A_NOMINATE:
		parse_as(r, s, n, *mode, who);
		break;
	case A_REMOVE:
	case A_DISMISS:
		if (parse_of_list(r, s, n, *mode, who) == 0)
			diag_warn(srcname, r->line, "a removal without a person: %.*s", (int)n, s);
		break;
	default:
		diag_warn(srcname, r->line, "a decision without a verb: %.*s", (int)n, s);
	}
}

/*
 * The verb of a clause that goes on with the persons of the clause
 * before it, 其: 免去其, 解聘其, 不再担任, 其不再担任, 兼任, perhaps
 * after 同时 or 并, and 任 after one of those (同时任Y); its length,
 * with those, in *len.  A_NONE for none.
 */
static enum action
follow_at(const char *s, size_t n, size_t *len)
{
	static const struct {
		const char *w;
		enum action action;
	} follows[] = {
		{"免去其", A_REMOVE}, {"解聘其", A_DISMISS}, {"其不再担任", A_REMOVE},
		{"不再担任", A_REMOVE}, {"兼任", A_CONCURRENT}, {NULL, A_NONE}
	};
	const char *p = s;
	size_t rem = n;
	int k;

	if (skip(&p, &rem, "同时") || skip(&p, &rem, "并")) {
		/* 任 alone would take 任期 and 任职: only after 同时 or 并. */
		if (rem > 3 && starts(p, rem, "任") && take_at(p - 3, rem + 3, 3)) {
			*len = (size_t)(p - s) + 3;
			return A_APPOINT;
		}
	}
	for (k = 0; follows[k].w != NULL; k++)
		if (starts(p, rem, follows[k].w)) {
			*len = (size_t)(p - s) + strlen(follows[k].w);
			return follows[k].action;
		}
	*len = 0;
	return A_NONE;
}

/* What a clause after a comma of a decision is. */
enum clause {
	C_MORE,        /* more of the clause before: 正处级 */
	C_TERMS,       /* terms of the posts before: 试用期一年 */
	C_FOLLOW,      /* a decision on the persons before: 免去其Z职务 */
	C_DECISION,    /* a decision of its own, with its verb: 免去李四的Y职务 */
	C_FORMULA      /* a formula that says nothing of a post: 另有任用 */
};

/*
 * What the clause s is; for C_FOLLOW, *follow and *flen get its verb
 * and length as follow_at gives them.  A clause that names persons
 * without a verb (李四为Y) is more of the one before, not a decision of
 * its own: too many words stand where a name would (职级为二级调研员,
 * 试用期为一年半, 同时任Y) to cut there on two to four Han characters
 * alone, and the post that keeps it warns (see second_decision).
 */
static enum clause
clause_kind(const char *s, size_t n, enum action *follow, size_t *flen)
{
	struct terms t = {"", "", 0};
	size_t len;

	*follow = A_NONE;
	*flen = 0;
	if (n == 12 && (starts(s, n, "另有任用") || starts(s, n, "另有安排")))
		return C_FORMULA;
	if ((*follow = follow_at(s, n, flen)) != A_NONE)
		return C_FOLLOW;
	if (read_terms(s, n, &t))
		return C_TERMS;
	if (verb_at(s, n, &len) != A_NONE)
		return C_DECISION;
	return C_MORE;
}

/* Where the first of seps outside brackets is in s, with depth brackets
 * open before s; *sep gets its length.  Returns n, with *sep 0, for
 * none. */
static size_t
find_outside(const char *s, size_t n, int depth, const struct word *seps, size_t *sep)
{
	size_t i, sl;

	for (i = next_punct(s, 0, n); i < n; i = next_punct(s, i + 1, n)) {
		if (opens_at(s, n, i))
			depth++;
		else if (closes_at(s, n, i) && depth > 0)
			depth--;
		else if (depth == 0 && (sl = word_at(s + i, n - i, seps)) > 0) {
			*sep = sl;
			return i;
		}
	}
	*sep = 0;
	return n;
}

/* The commas between the clauses of a decision, and the stops between
 * decisions. */
static const struct word commas[] = {WORD("，"), WORD(","), {NULL, 0}};
static const struct word stops[] = {WORD("；"), WORD("。"), WORD(";"), {NULL, 0}};

/* Fills the terms the rows from the row from on have not. */
static void
apply_terms(size_t from, const struct terms *t)
{
	for (; from < nouts; from++) {
		struct terms *o = &outs[from].t;

		if (o->start[0] == '\0')
			memcpy(o->start, t->start, sizeof o->start);
		if (o->end[0] == '\0')
			memcpy(o->end, t->end, sizeof o->end);
		if (o->probation == 0)
			o->probation = t->probation;
	}
}

/*
 * A part of a decision, from s to body_end: its first clause and those
 * after it that go on with it (C_MORE); and the terms that end it, from
 * terms to end, when terms is not NULL.  follow is the verb of a
 * C_FOLLOW part, of len bytes, A_NONE for one that names its persons;
 * who has the persons of the part before and gets those of this one.
 */
static void
decide_part(const struct doc_row *r, const char *s, const char *body_end, const char *terms,
    const char *end, enum action follow, size_t len, enum action *mode, struct persons *who)
{
	size_t from = nouts;
	struct terms t = {"", "", 0};

	if (follow == A_NONE)
		decide_clause(r, s, (size_t)(body_end - s), mode, who);
	else {
		if (who->n == 0)
			diag_warn(srcname, r->line, "no person named before: %.*s",
			    (int)(body_end - s), s);
		else
			emit_posts(r, who, s + len, (size_t)(body_end - s) - len, follow, 1);
	}
	if (terms != NULL && read_terms(terms, (size_t)(end - terms), &t))
		apply_terms(from, &t);
}

/*
 * One decision, its final stop gone; mode is the section's action.  A
 * decision may join several with commas: 张三任Y，免去其Z职务 is two,
 * the second on the persons of the first; 李四为Y，试用期一年 gives Y
 * the terms after it; 任命张三为Y，免去李四的Z职务 is two, each with its
 * verb; 另有任用 is dropped.  Any other clause is more of the one before.
 */
static void
decide(const struct doc_row *r, const char *s, size_t n, enum action mode)
{
	struct persons who;
	const char *p, *end = s + n, *c = s, *part = s, *body_end = s, *terms = NULL, *terms_end = s;
	enum action follow = A_NONE, next;
	size_t cl, sep, len, flen = 0;

	/* ……随机构撤销自然免除: every post named lapses. */
	if ((p = text_find(s, n, "自然免除", 12)) != NULL && p + 12 == s + n) {
		const char *sui = NULL, *q = s;

		while ((q = text_find(q, (size_t)(p - q), "随", 3)) != NULL)
			sui = q++;
		n = (size_t)((sui ? sui : p) - s);
		if (parse_of_list(r, s, n, A_LAPSE, NULL) == 0)
			diag_warn(srcname, r->line, "a lapse without a person: %.*s", (int)n, s);
		return;
	}
	who.n = 0;
	for (;;) {
		enum clause k;

		cl = find_outside(c, (size_t)(end - c), 0, commas, &sep);
		k = clause_kind(c, cl, &next, &len);
		/* The first clause names the persons, unless it says 其. */
		if (c == s) {
			follow = k == C_FOLLOW ? next : A_NONE;
			flen = len;
			k = C_MORE;
		}
		switch (k) {
		case C_FORMULA:
			break;
		case C_TERMS:
			if (terms == NULL)
				terms = c;
			terms_end = c + cl;
			break;
		case C_MORE:
			/* Terms followed by more are part of the post. */
			terms = NULL;
			body_end = c + cl;
			break;
		case C_FOLLOW:
		case C_DECISION:
			decide_part(r, part, body_end, terms, terms_end, follow, flen, &mode, &who);
			part = c;
			body_end = c + cl;
			terms = NULL;
			follow = k == C_FOLLOW ? next : A_NONE;
			flen = len;
			break;
		}
		if (sep == 0)
			break;
		c += cl + sep;
	}
	decide_part(r, part, body_end, terms, terms_end, follow, flen, &mode, &who);
}

/* Is s[0..i) empty, or does it end a clause (， ： 。 ；)? */
static int
clause_starts(const char *s, size_t i)
{
	return i == 0 || ends(s, i, "，") || ends(s, i, "：") || ends(s, i, "。") ||
	    ends(s, i, "；") || s[i - 1] == ',' || s[i - 1] == ':' || s[i - 1] == ';';
}

/* Where the clause that starts at s ends: at the first ， ： 。 ； or the
 * end. */
static size_t
clause_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	/* ，：；are EF BC 8C, 9A, 9B; 。 is E3 80 82. */
	for (i = 0; i < n; i++) {
		if (u[i] == ',' || u[i] == ':' || u[i] == ';')
			return i;
		if (n - i >= 3 && ((u[i] == 0xEF && u[i + 1] == 0xBC &&
		    (u[i + 2] == 0x8C || u[i + 2] == 0x9A || u[i + 2] == 0x9B)) ||
		    (u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82)))
			return i;
	}
	return n;
}

/*
 * Finds the meeting of 经……研究 in s: 经 at the start of s or of a
 * clause (a 经 inside a word, 市经信局, is none), 研究 in the same clause
 * and, after it, the end of the clause, 决定 or 同意.  Returns 1 with the
 * meeting at [*mso, *meo), a date right after 经 left out, and *after
 * the end of 研究 and of a comma after it; the meeting is empty for a
 * bare 经研究.
 */
static int
meeting_find(const char *s, size_t n, size_t *mso, size_t *meo, size_t *after)
{
	const char *j = s, *end = s + n;

	while ((j = text_find(j, (size_t)(end - j), "经", 3)) != NULL) {
		const char *c = j + 3, *yan, *a;
		size_t clen, used;
		struct ymd d;

		if (!clause_starts(s, (size_t)(j - s))) {
			j += 3;
			continue;
		}
		clen = clause_len(c, (size_t)(end - c));
		if ((yan = text_find(c, clen, "研究", 6)) != NULL) {
			a = yan + 6;
			if (a == c + clen || starts(a, (size_t)(end - a), "决定") ||
			    starts(a, (size_t)(end - a), "同意")) {
				if (date_parse(c, (size_t)(yan - c), &d, &used))
					c += used;
				*mso = (size_t)(c - s);
				*meo = (size_t)(yan - s);
				if (starts(a, (size_t)(end - a), "，"))
					a += 3;
				else if (a < end && *a == ',')
					a++;
				*after = (size_t)(a - s);
				return 1;
			}
		}
		j += 3;
	}
	return 0;
}

/* The 决定 that opens a section of decisions, or decisions in its row. */
struct head {
	enum action action;    /* of the verb after 决定; A_NONE for none */
	int named;             /* a verb or 任免 follows 决定 */
	size_t rest;           /* where the decisions after it start */
};

/*
 * Finds the 决定 of s that opens decisions: followed by a verb or 任免
 * (决定任命, 决定任免), 如下, and then ： or ， (决定任命：, 决定：,
 * 现决定任免如下：, 决定：任命X为Y), by nothing, or by the decision itself
 * (决定任命X为Y).  A row that ends with ： after any other 决定
 * (决定对下列同志职务作如下调整：) opens a section without an action, if no
 * 决定 fits better.  Returns 1 and fills h; a section line has
 * h->rest == n.
 */
static int
head_find(const char *s, size_t n, struct head *h)
{
	const char *d = s, *end = s + n, *p;
	size_t len, rem;
	int colon = ends(s, n, "：") || ends(s, n, ":"), weak = 0;

	while ((d = text_find(d, (size_t)(end - d), "决定", 6)) != NULL) {
		p = d + 6;
		h->action = verb_at(p, (size_t)(end - p), &len);
		h->named = h->action != A_NONE;
		p += len;
		rem = (size_t)(end - p);
		if (!h->named && skip(&p, &rem, "任免"))
			h->named = 1;
		skip(&p, &rem, "如下");
		if (skip(&p, &rem, "：") || skip(&p, &rem, ":") || skip(&p, &rem, "，") ||
		    skip(&p, &rem, ",") || rem == 0) {
			h->rest = (size_t)(p - s);
			return 1;
		}
		if (h->named && colon) {
			h->rest = n;
			return 1;
		}
		if (h->named || starts_decision(p, rem)) {
			h->rest = (size_t)(p - s);
			return 1;
		}
		weak |= colon;
		d += 6;
	}
	if (weak) {
		h->action = A_NONE;
		h->named = 0;
		h->rest = n;
	}
	return weak;
}

/*
 * A section line without 决定, at the start of s or of a clause: 任命：,
 * 免去：, 现任命如下：, 现将有关任免事项通知如下：.  现, 将, 有关 and 人事
 * may come before the verb or 任免, 事项, 通知 and 如下 after it, and
 * then ： (or, after 如下, the end of s).  Returns 1 and fills h as
 * head_find does.
 */
static int
head_plain(const char *s, size_t n, struct head *h)
{
	size_t i = 0, len, rem;
	const char *p;
	int so;

	/* A head ends in a colon or in 如下, and holds a verb or 任免: most
	 * rows lack one or the other. */
	if ((memchr(s, ':', n) == NULL && text_find(s, n, "：", 3) == NULL &&
	    text_find(s, n, "如下", 6) == NULL) || !holds_verb(s, n))
		return 0;
	for (;;) {
		p = s + i;
		rem = n - i;
		skip(&p, &rem, "现");
		skip(&p, &rem, "将");
		skip(&p, &rem, "有关");
		skip(&p, &rem, "人事");
		h->action = verb_at(p, rem, &len);
		if (h->action == A_NONE && starts(p, rem, "任免"))
			len = 6;
		if (len > 0) {
			p += len;
			rem -= len;
			skip(&p, &rem, "事项");
			skip(&p, &rem, "通知");
			so = skip(&p, &rem, "如下");
			if (skip(&p, &rem, "：") || skip(&p, &rem, ":") || (so && rem == 0)) {
				h->named = 1;
				h->rest = (size_t)(p - s);
				return 1;
			}
		}
		/* The next clause, after its ， ： 。 ；. */
		i += clause_len(s + i, n - i);
		if (i >= n)
			return 0;
		i += (unsigned char)s[i] < 0x80 ? 1 : 3;
	}
}

/* The head count of the title: 关于李计平等10人任免的通知. */
static long
head_count(void)
{
	const char *p = title.p, *end = p ? p + title.len : NULL, *deng;    /* NULL + 0 is undefined */
	size_t used;
	long v;

	while (p != NULL && p < end && (deng = text_find(p, (size_t)(end - p), "等", 3)) != NULL) {
		v = cn_number(deng + 3, (size_t)(end - deng - 3), &used);
		if (v > 0 && used > 0 && starts(deng + 3 + used, (size_t)(end - deng - 3 - used), "人") &&
		    deng - title.p >= 3)
			return v;
		p = deng + 3;
	}
	return -1;
}

/*
 * Can s be a section line as is_personnel wants it, one that ends
 * where its head ends?  Only when it ends in ： ， : , (head_find,
 * head_plain), in 如下 or in a verb or 任免 (head_find, 决定 ending the
 * row).  Most rows end in 。, and this spares them the search.
 */
static int
ends_head(const char *s, size_t n)
{
	static const char *const words[] = {"任命", "任免", "免去", "免职", "聘任", "聘用", "解聘",
	    "提名", "如下"};
	/* The last bytes of those words, ： and ，: 。 (82) and ） (89),
	 * which end most rows, are none of them. */
	static const unsigned char last[256] = {
		[0xBD] = 1, [0x8D] = 1, [0xBB] = 1, [0x8C] = 1, [0xA8] = 1, [0x98] = 1, [0x8B] = 1,
		[0x9A] = 1
	};
	size_t k;

	if (n == 0)
		return 0;
	if (s[n - 1] == ':' || s[n - 1] == ',')
		return 1;
	if (!last[(unsigned char)s[n - 1]])
		return 0;
	if (n >= 3 && (memcmp(s + n - 3, "：", 3) == 0 || memcmp(s + n - 3, "，", 3) == 0))
		return 1;
	for (k = 0; n >= 6 && k < sizeof words / sizeof words[0]; k++)
		if (memcmp(s + n - 6, words[k], 6) == 0)
			return 1;
	return 0;
}

static int
is_personnel(void)
{
	static const char *const words[] = {"任免", "任职", "免职", "聘任", "解聘", "任命", "免去",
	    "提名", "职务", NULL};
	size_t i;
	int k, natural;

	for (k = 0; words[k]; k++)
		if (text_find(title.p ? title.p : "", title.len, words[k], strlen(words[k])))
			return 1;
	/* The texts of the rows lie in the arena: where it holds no
	 * 自然免除, no row does, and one search over it spares one a row. */
	natural = ds.arena.len > 0 && find_by(ds.arena.p, ds.arena.len, "自然免除", 12, 2) != NULL;
	for (i = 0; i < ds.nrows; i++) {
		const char *s = T(&ds.rows[i]);
		size_t n = ds.rows[i].len;
		struct head h;

		/* The kind is asked last: most rows fail the cheaper tests. */
		if (ends_head(s, n) && is_kind(&ds.rows[i], "body") && ((head_find(s, n, &h) &&
		    h.named && h.rest == n) || (head_plain(s, n, &h) && h.rest == n)))
			return 1;
		/* 自然免除: found by the rare AA of 自. */
		if (natural && find_by(s, n, "自然免除", 12, 2) != NULL && is_kind(&ds.rows[i], "body"))
			return 1;
	}
	return 0;
}

/* The decision being read, which runs on over rows until a stop. */
static struct {
	struct buf text;          /* its text, without the stop */
	const struct doc_row *first;  /* the row it starts on; NULL for none */
	int depth;                /* brackets open at its end */
	int formed;               /* it holds the word of a form */
} pend;

/* The action of the section being read; A_NONE before the first and
 * under 决定：. */
static enum action mode;

/* Reads the decision being read, if any; cut says it ended without its
 * stop, which is a warning. */
static void
pend_close(int cut)
{
	size_t l = pend.text.len;

	if (pend.first == NULL)
		return;
	if (cut)
		diag_warn(srcname, pend.first->line, "a decision cut off: %.*s",
		    (int)(l < 90 ? l : utf8_boundary(pend.text.p, 90)), pend.text.p);
	decide(pend.first, pend.text.p, l, mode);
	buf_reset(&pend.text);
	pend.first = NULL;
	pend.depth = 0;
	pend.formed = 0;
}

/* The first of the rows a note under the list (以上……) speaks of: those
 * since the last section line, closing formula or note. */
static size_t list_from;

/* Opens a section of the action a, or none: the decision left open
 * ends, and a note after it speaks of the rows after it. */
static void
open_section(enum action a)
{
	pend_close(1);
	mode = a;
	list_from = nouts;
}

/*
 * A note under the list, 以上……: prose (以上同志任职时间从……起计算),
 * but a probation in it (以上同志试用期一年, 以上任职人员试用期为一年) is
 * that of each appointment and hire above it, since list_from, that has
 * none of its own.  A probation that starts with a number but does not
 * read, or that finds no such row, warns.
 */
static void
read_note(const struct doc_row *r, const char *s, size_t n)
{
	const char *p = text_find(s, n, "试用期", 9);
	size_t rem, used, k, fit = 0;
	long m;

	if (p != NULL) {
		p += 9;
		rem = n - (size_t)(p - s);
		skip(&p, &rem, "为");
		if ((m = span_prefix(p, rem, &used)) > 0) {
			for (k = list_from; k < nouts; k++)
				if (outs[k].action == A_APPOINT || outs[k].action == A_HIRE) {
					fit++;
					if (outs[k].t.probation == 0)
						outs[k].t.probation = (int)m;
				}
			if (fit == 0)
				diag_warn(srcname, r->line, "a probation with no appointment above it: "
				    "%.*s", (int)n, s);
		} else if (cn_number(p, rem, &used) > 0 && used > 0) {
			diag_warn(srcname, r->line, "a probation that does not read: %.*s", (int)n, s);
		}
	}
	list_from = nouts;
}

/* Bracket depth after s[0..n), from depth. */
static int
bracket_depth(const char *s, size_t n, int depth)
{
	size_t i;

	for (i = next_punct(s, 0, n); i < n; i = next_punct(s, i + 1, n))
		if (opens_at(s, n, i))
			depth++;
		else if (closes_at(s, n, i) && depth > 0)
			depth--;
	return depth;
}

static void
pend_add(const struct doc_row *r, const char *s, size_t n)
{
	static const char *const words[] = {"为", "职务", "任", "挂职", NULL};
	size_t from = pend.text.len > 6 ? pend.text.len - 6 : 0;
	int k;

	if (pend.first == NULL)
		pend.first = r;
	buf_add(&pend.text, s, n);
	pend.depth = bracket_depth(s, n, pend.depth);
	/* The words of a form, also where a row break cut one (职/务). */
	for (k = 0; words[k] != NULL && !pend.formed; k++)
		pend.formed = text_find(pend.text.p + from, pend.text.len - from, words[k],
		    strlen(words[k])) != NULL;
}

/* Does the decision being read wait for more: a list, a 的 or a verb
 * with nothing after it yet? */
static int
pend_wants_more(void)
{
	static const char *const tails[] = {"、", "，", ",", "的", "为", "和", "及", "：", ":", "职",
	    "兼任", "担任", "挂职", "任命", "免去", "聘任", "聘用", "解聘", "提名", NULL};
	int k;

	if (!pend.formed || pend.depth > 0)
		return 1;
	for (k = 0; tails[k] != NULL; k++)
		if (ends(pend.text.p, pend.text.len, tails[k]))
			return 1;
	return 0;
}

/* Is s the formula that closes a notice: 特此通知, 特此通报, 特此批复,
 * 此复? */
static int
is_closing(const char *s, size_t n)
{
	size_t i;
	uint32_t c;

	if (n == 6 && starts(s, n, "此复"))
		return 1;
	if (!starts(s, n, "特此") || n > 6 + 3 * 3)
		return 0;
	for (i = 6; i < n; i += 3)
		if (utf8_decode((const unsigned char *)s + i, n - i, &c) != 3 || !uni_is_han(c))
			return 0;
	return n > 6;
}

/* One piece of a body row, up to a stop or the end of the row. */
static void
read_piece(const struct doc_row *r, const char *s, size_t n, int stopped)
{
	size_t mso, meo, after;
	struct head h;

	/* 经……研究: the meeting, after which the preamble ends.  A bare
	 * 经研究 keeps the meeting known. */
	if (meeting_find(s, n, &mso, &meo, &after)) {
		pend_close(1);
		if (meo > mso) {
			meet_off = meetings.len;
			meet_len = meo - mso;
			buf_add(&meetings, s + mso, meet_len);
		}
		s += after;
		n -= after;
	}
	/* 以上……: a note on the list above, which it ends. */
	if (starts(s, n, "以上")) {
		pend_close(1);
		read_note(r, s, n);
		return;
	}
	/* 决定: a section line, or the decisions after it in the row; what
	 * comes before it is preamble.  Either ends a decision left open. */
	if (head_find(s, n, &h)) {
		open_section(h.action);
		s += h.rest;
		n -= h.rest;
	}
	/* 任命：, 现将有关任免事项通知如下：: a section without 决定, alone
	 * or after one (经研究决定，现任命如下：). */
	if (head_plain(s, n, &h)) {
		open_section(h.action);
		s += h.rest;
		n -= h.rest;
	}
	if (n == 0) {
		if (stopped)
			pend_close(0);
		return;
	}
	/* 特此通知。 closes the list: no decision, and none after it. */
	if (is_closing(s, n)) {
		open_section(A_NONE);
		return;
	}
	/* A decision without its stop, and a row that starts another: two
	 * decisions, not one. */
	if (pend.first != NULL && !pend_wants_more() && starts_decision(s, n))
		pend_close(1);
	if (pend.first == NULL && mode == A_NONE && !looks_decision(s, n))
		return;    /* prose: the preamble, a reason */
	pend_add(r, s, n);
	if (stopped)
		pend_close(0);
}

static void
read_row(const struct doc_row *r)
{
	const char *s = T(r), *end = s + r->len;
	size_t len, stop;

	while (s < end) {
		/* One piece, up to a stop outside brackets. */
		len = find_outside(s, (size_t)(end - s), pend.first != NULL ? pend.depth : 0, stops,
		    &stop);
		read_piece(r, s, len, stop > 0);
		s += len + stop;
	}
}

static void
finish_doc(void)
{
	size_t i;
	struct ymd d;
	long want;

	/* The text of the first title row that has one, found here among
	 * the rows held rather than kept row by row as they are read: a
	 * row callback would make doc_stream_read ask ferror at every row. */
	for (i = 0; i < ds.nrows && title.len == 0; i++)
		if (ds.rows[i].len > 0 && is_kind(&ds.rows[i], "title"))
			buf_add(&title, T(&ds.rows[i]), ds.rows[i].len);
	if (ds.cur_doc <= 0 || ds.nrows == 0 || !is_personnel())
		goto done;
	buf_reset(&persons);
	if (npslots > 0)
		memset(pslots, 0, npslots * sizeof *pslots);
	npersons = 0;
	buf_reset(&meetings);
	meet_len = 0;
	mode = A_NONE;
	list_from = 0;
	sign_iso[0] = '\0';
	for (i = 0; i < ds.nrows; i++)
		if (is_kind(&ds.rows[i], "date") && date_parse(T(&ds.rows[i]), ds.rows[i].len, &d, NULL)) {
			date_iso(&d, sign_iso);
			break;
		}
	for (i = 0; i < ds.nrows; i++) {
		/* A decision still open at a row that is no body is cut off. */
		if (is_kind(&ds.rows[i], "body"))
			read_row(&ds.rows[i]);
		else
			pend_close(1);
	}
	pend_close(1);
	flush_rows();
	want = head_count();
	if (want > 0 && want != npersons)
		diag_warn(srcname, ds.nrows ? ds.rows[0].line : 0, "document %d: the title counts %ld people, "
		    "the decisions name %ld", ds.cur_doc, want, npersons);
done:
	buf_reset(&title);
}

static int
appointments_file(FILE *fp, const char *src)
{
	srcname = src;
	return doc_stream_read(&ds, fp, src, NULL, finish_doc);
}

/* Frees what the run held, and forgets it, so that nothing points at
 * freed memory (the fuzz target calls main again). */
static void
release(void)
{
	doc_stream_free(&ds);
	buf_free(&pend.text);
	buf_free(&outtext);
	buf_free(&outrow);
	buf_free(&meetings);
	buf_free(&persons);
	free(pslots);
	pslots = NULL;
	npslots = 0;
	npersons = 0;
	free(outs);
	outs = NULL;
	nouts = capouts = 0;
}

int
main(int argc, char **argv)
{
	int i, status;

	diag_init(argv[0]);
	i = opts_parse(argc, argv, options, usage,
	    "The appointments and removals of a gazette paragraph stream.", handle);
	tsv_put_header(stdout, out_cols, (int)NOUT);
	status = gz_foreach_file(argc, argv, i, appointments_file);
	release();
	return diag_finish(status);
}
