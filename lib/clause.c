/*
 * clause.c: the responsibility clause that ends a policy item, and the
 * units it names, by role (SPEC 4).
 *
 *   （市应急局、市委宣传部分工负责；各县市区党委政府，X经开区）
 *   （责任单位：市文旅局、市规划和自然资源局）
 *   〔责任部门：各县（市、区）人民政府，各行政执法机关〕
 *   （牵头单位：市水务局；配合单位：市发展改革委、市财政局）
 *   （市委组织部牵头，市人社局配合）
 *
 * A clause is split into segments at ；, a segment into groups at ，,
 * a group into units at 、 and, where both sides are whole names, at
 * 和 and 及; never inside brackets.  A label (牵头单位：) gives a
 * segment its role, a role word at the end of a group (分工负责, 配合)
 * gives it the group's; unmarked units are responsible.  Local
 * governments and development zones go to their own list wherever they
 * stand.
 */
#include <string.h>

#include "gazette.h"

enum role { ROLE_NONE, ROLE_LEAD, ROLE_RESP, ROLE_COOP };

/* A constant word and its length, known at compile time. */
struct word {
	const char *w;
	size_t len;
};
#define W(s) {s, sizeof(s) - 1}
#define NWORDS(t) (sizeof(t) / sizeof(t)[0])

/* Role words at the end of a group, longest first where one ends
 * another. */
static const struct {
	struct word word;
	enum role role;
} role_words[] = {
	{W("并督促企业落实"), ROLE_RESP}, {W("督促企业落实"), ROLE_RESP},
	{W("按职责分工负责"), ROLE_RESP}, {W("按照职责分工负责"), ROLE_RESP},
	{W("按职责分工落实"), ROLE_RESP}, {W("按分工负责"), ROLE_RESP},
	{W("分工负责"), ROLE_RESP}, {W("共同负责"), ROLE_RESP}, {W("分别负责"), ROLE_RESP},
	{W("具体负责"), ROLE_RESP}, {W("按职责落实"), ROLE_RESP}, {W("抓好落实"), ROLE_RESP},
	{W("组织落实"), ROLE_RESP}, {W("负责落实"), ROLE_RESP}, {W("落实"), ROLE_RESP},
	{W("负责"), ROLE_RESP}, {W("牵头负责"), ROLE_LEAD}, {W("牵头"), ROLE_LEAD},
	{W("配合落实"), ROLE_COOP}, {W("协助配合"), ROLE_COOP}, {W("参与配合"), ROLE_COOP},
	{W("配合"), ROLE_COOP}, {W("协助"), ROLE_COOP}, {W("参与"), ROLE_COOP},
};

/* Endings of whole unit names: where 和 or 及 may split. */
static const struct word unit_ends[] = {
	W("局"), W("委"), W("办"), W("部"), W("厅"), W("院"), W("会"), W("中心"), W("支队"),
	W("大队"), W("政府"), W("党委"), W("机关"), W("部门"), W("单位"), W("分行"), W("支行"),
	W("专班"), W("公司"), W("集团"), W("管委会"), W("组"), W("室"), W("处"), W("站"),
	W("所"), W("队"), W("社"), W("馆"), W("署"), W("区"), W("县"), W("街道"), W("乡镇"),
	W("企业"), W("学校"), W("医院"), W("银行"), W("司"), W("联"), W("团"), W("科"),
};

/* Collective nouns a trailing 等 introduces: 等部门, 等有关部门. */
static const struct word collective_ends[] = {
	W("部门"), W("单位"), W("机构"), W("成员单位"), W("相关部门"), W("有关部门"), W("企业"),
};

/* Development zones, wherever they stand, are local. */
static const struct word zone_ends[] = {
	W("经开区"), W("开发区"), W("高新区"), W("新区"), W("园区"), W("管委会"), W("示范区"),
	W("合作区"), W("试验区"), W("自贸区"), W("保税区"),
};

/* Does s[0..n) end with w[0..k)?  The last bytes are tested first:
 * they rule out almost every word without a call (a word of three
 * bytes or more, as all of ours, has its whole last character
 * compared in place). */
static inline int
ends_with_n(const char *s, size_t n, const char *w, size_t k)
{
	if (n < k || s[n - 1] != w[k - 1])
		return 0;
	if (k >= 3 && (s[n - 2] != w[k - 2] || s[n - 3] != w[k - 3]))
		return 0;
	return memcmp(s + n - k, w, k - 1) == 0;
}
#define ends_with(s, n, lit) ends_with_n(s, n, lit, sizeof(lit) - 1)

/* The longest role word that ends s[0..n), or -1: 牵头负责 before 负责.
 * Most groups end with none.  Made at the first call: for each byte,
 * the role words that end with it, longest first, as a chain (head[b]
 * and next[k] hold an index plus one, 0 ending it); a group is
 * compared only with the words that end with its last byte, and the
 * first that matches is the longest (two words of one length that
 * both end s would be the same word).  Inline, as ends_with_any: it
 * runs for every group, and most calls end at the first test. */
static inline int
role_suffix(const char *s, size_t n)
{
	static unsigned char head[256], next[NWORDS(role_words)];
	static int ready;
	size_t k;

	if (!ready) {
		size_t len, max = 0;

		for (k = 0; k < NWORDS(role_words); k++)
			if (role_words[k].word.len > max)
				max = role_words[k].word.len;
		/* Shortest first onto the front of the chains, so that
		 * each chain runs from the longest; words of one length
		 * keep their table order. */
		for (len = 1; len <= max; len++)
			for (k = NWORDS(role_words); k-- > 0; ) {
				unsigned char b;

				if (role_words[k].word.len != len)
					continue;
				b = (unsigned char)role_words[k].word.w[len - 1];
				next[k] = head[b];
				head[b] = (unsigned char)(k + 1);
			}
		ready = 1;
	}
	if (n == 0)
		return -1;
	for (k = head[(unsigned char)s[n - 1]]; k != 0; k = next[k - 1])
		if (ends_with_n(s, n, role_words[k - 1].word.w, role_words[k - 1].word.len))
			return (int)(k - 1);
	return -1;
}
_Static_assert(NWORDS(role_words) < 255, "role_suffix's chains index role_words in a byte");

static inline int
starts_with_n(const char *s, size_t n, const char *w, size_t k)
{
	return n >= k && memcmp(s, w, k) == 0;
}
#define starts_with(s, n, lit) starts_with_n(s, n, lit, sizeof(lit) - 1)

/* A table of words and a bitmap of the bytes they end with, made at
 * the first use: most names end with none, and one test turns them
 * away. */
struct wordset {
	const struct word *w;
	size_t n;
	int ready;
	unsigned char last[256];
};
#define WORDSET(t) {t, NWORDS(t), 0, {0}}

static struct wordset unit_set = WORDSET(unit_ends);
static struct wordset collective_set = WORDSET(collective_ends);
static struct wordset zone_set = WORDSET(zone_ends);

/* Does s[0..n) end with a word of ws?  Inline: it runs several times
 * for every unit, and most calls end at the bitmap. */
static inline int
ends_with_any(const char *s, size_t n, struct wordset *ws)
{
	size_t k;

	if (!ws->ready) {
		for (k = 0; k < ws->n; k++)
			ws->last[(unsigned char)ws->w[k].w[ws->w[k].len - 1]] = 1;
		ws->ready = 1;
	}
	if (n == 0 || !ws->last[(unsigned char)s[n - 1]])
		return 0;
	for (k = 0; k < ws->n; k++)
		if (ends_with_n(s, n, ws->w[k].w, ws->w[k].len))
			return 1;
	return 0;
}

/* The length of the character that starts with byte c: stepping by
 * characters, not bytes, where only whole characters can match. */
static inline size_t
char_len(unsigned char c)
{
	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* skip[c]: the length of a character that starts with byte c (as
 * char_len), or 0 where it may be a bracket or a separator of the
 * splitters: E3 (〔〕【】、), EF (（），；：), ( ) , ;.  Scanning loops
 * step over every other character with one load and one test. */
#define S8(x) x, x, x, x, x, x, x, x
#define S16(x) S8(x), S8(x)
static const unsigned char skip[] = {
	S16(1), S16(1),                                 /* 00-1F */
	S8(1), 0, 0, 1, 1, 0, 1, 1, 1,                  /* 20-2F: ( ) , */
	S8(1), 1, 1, 1, 0, 1, 1, 1, 1,                  /* 30-3F: ; */
	S16(1), S16(1), S16(1), S16(1),                 /* 40-7F */
	S16(1), S16(1), S16(1), S16(1),                 /* 80-BF */
	S16(2), S16(2),                                 /* C0-DF */
	3, 3, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, /* E0-EF: E3 EF */
	S16(4)                                          /* F0-FF */
};
_Static_assert(sizeof skip == 256, "skip[] has an entry for every byte");

/* Is there a bracket at s[i]?  Returns its length (0: none) and moves
 * *depth: （ EF BC 88, ） EF BC 89, 〔 E3 80 94, 〕 E3 80 95,
 * 【 E3 80 90, 】 E3 80 91, ( and ).  The first byte passes over every
 * other character; the last tells opening from closing. */
static inline size_t
bracket_at(const char *s, size_t n, size_t i, int *depth)
{
	const unsigned char *u = (const unsigned char *)s + i;
	int open;

	if (u[0] == '(' || u[0] == ')') {
		open = u[0] == '(';
		if (open)
			(*depth)++;
		else if (*depth > 0)
			(*depth)--;
		return 1;
	}
	if (n - i < 3)
		return 0;
	if (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x88 || u[2] == 0x89))
		open = u[2] == 0x88;
	else if (u[0] == 0xE3 && u[1] == 0x80 && (u[2] == 0x94 || u[2] == 0x90 || u[2] == 0x95 || u[2] == 0x91))
		open = u[2] == 0x94 || u[2] == 0x90;
	else
		return 0;
	if (open)
		(*depth)++;
	else if (*depth > 0)
		(*depth)--;
	return 3;
}

/* Splits s[0..n) at top-level separators (each a UTF-8 string of
 * `seps`, whose first byte skip[] must stop at); calls fn on each
 * non-empty piece.  With `rare` (the separators are missing from most
 * texts split: ；from a clause, ，from a segment), each is searched
 * for first, and a text with none goes on whole, as the walk would
 * send it: the searches cost less than the walk there, more where a
 * separator is common (、 in a group). */
static void
split_top(const char *s, size_t n, const struct word *seps, size_t nseps, int rare,
    void (*fn)(const char *p, size_t len, void *arg), void *arg)
{
	size_t i = 0, start = 0, k;
	int depth = 0;

	if (rare) {
		for (k = 0; k < nseps; k++)
			if (seps[k].len == 1 ? memchr(s, seps[k].w[0], n) != NULL :
			    text_find(s, n, seps[k].w, seps[k].len) != NULL)
				break;
		if (k == nseps) {
			if (n > 0)
				fn(s, n, arg);
			return;
		}
	}
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t b;

		if (skip[c] != 0) {
			/* Neither a bracket nor a separator. */
			i += skip[c];
			continue;
		}
		b = bracket_at(s, n, i, &depth);
		if (b > 0) {
			i += b;
			continue;
		}
		if (depth == 0) {
			for (k = 0; k < nseps; k++)
				if ((unsigned char)seps[k].w[0] == c && n - i >= seps[k].len &&
				    memcmp(s + i, seps[k].w, seps[k].len) == 0)
					break;
			if (k < nseps) {
				if (i > start)
					fn(s + start, i - start, arg);
				i += seps[k].len;
				start = i;
				continue;
			}
		}
		i += char_len(c);
	}
	if (start > n)
		start = n;
	if (n > start)
		fn(s + start, n - start, arg);
}

int
clause_is_local(const char *s, size_t n)
{
	if (ends_with_any(s, n, &zone_set))
		return 1;
	/* 各县市区政府, 各县（市、区）人民政府, 相关市人民政府, 事发地县
	 * （市、区）政府, 各产煤县市区: governments below the issuer. */
	/* The ending is tested before the searches inside. */
	if ((starts_with(s, n, "各") || starts_with(s, n, "相关") || starts_with(s, n, "有关") ||
	    starts_with(s, n, "事发地")) &&
	    (ends_with(s, n, "政府") || ends_with(s, n, "县") || ends_with(s, n, "区") ||
	    ends_with(s, n, "乡镇") || ends_with(s, n, "街道") || ends_with(s, n, "县市区") ||
	    ends_with(s, n, "）") || ends_with(s, n, "党委政府") || ends_with(s, n, "党委")) &&
	    (text_find(s, n, "县", 3) || text_find(s, n, "区", 3) || text_find(s, n, "乡", 3) ||
	    text_find(s, n, "镇", 3) || text_find(s, n, "街道", 6) ||
	    (text_find(s, n, "市", 3) && ends_with(s, n, "政府"))))
		return 1;
	return 0;
}

struct ctx {
	struct clause_units *u;
	enum role role;          /* of the group being split */
	/* The unit before, for 其: where add_unit found it, in the
	 * clause or in a joined copy; a copy's unit moves to `kept`
	 * before the copy is freed. */
	const char *last;
	size_t last_len;
	struct buf kept;
	int count;
};

static void
add_unit(struct ctx *c, const char *s, size_t n)
{
	struct buf *list;
	const char *p;

	/* Trim spaces. */
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	/* A trailing 等部门, 等有关部门, 等市减灾委有关成员单位 goes.  What
	 * follows 等 ends the unit, so a unit that ends with no collective
	 * noun needs no search for 等. */
	p = ends_with_any(s, n, &collective_set) ? s + n : s;
	while (p > s && (p = text_find(s, (size_t)(p - s), "等", 3)) != NULL) {
		const char *rest = p + 3;

		if (p > s && ends_with_any(rest, (size_t)(s + n - rest), &collective_set)) {
			n = (size_t)(p - s);
			break;
		}
		if (p == s)
			break;
	}
	if (n == 0)
		return;
	if (clause_is_local(s, n))
		list = &c->u->local;
	else if (c->role == ROLE_LEAD)
		list = &c->u->lead;
	else if (c->role == ROLE_COOP)
		list = &c->u->coop;
	else
		list = &c->u->resp;
	/* The separator and the unit, with one check for room (made
	 * here: most units fit). */
	if (list->cap - list->len <= n + 1)
		buf_reserve(list, n + 1);
	if (list->len > 0)
		list->p[list->len++] = ';';
	memcpy(list->p + list->len, s, n);
	list->len += n;
	c->last = s;
	c->last_len = n;
	c->count++;
}

/* A unit, or two joined by 和 or 及 where both sides are whole names:
 * 各级行政执法机关和司法行政部门 is two, 市规划和自然资源局 one;
 * 市县两级安委会及其下设专委会 is the committees and theirs. */
static void
on_unit(const char *s, size_t n, void *arg)
{
	struct ctx *c = arg;
	const unsigned char *b = (const unsigned char *)s;
	size_t i;

	for (i = 3; i + 3 < n; ) {
		/* 和 E5 92 8C, 及 E5 8F 8A, 与 E4 B8 8E, compared in place. */
		int join = (b[i] == 0xE5 && ((b[i + 1] == 0x92 && b[i + 2] == 0x8C) ||
		    (b[i + 1] == 0x8F && b[i + 2] == 0x8A))) ||
		    (b[i] == 0xE4 && b[i + 1] == 0xB8 && b[i + 2] == 0x8E);

		if (join && ends_with_any(s, i, &unit_set)) {
			const char *r = s + i + 3;
			size_t rn = n - i - 3;

			if (rn > 0 && (ends_with_any(r, rn, &unit_set) || clause_is_local(r, rn))) {
				add_unit(c, s, i);
				if (starts_with(r, rn, "其")) {
					/* 及其下设专委会: theirs. */
					struct buf whole = {0};
					int before = c->count;

					buf_add(&whole, c->last, c->last_len);
					buf_add(&whole, r + 3, rn - 3);
					on_unit(whole.p, whole.len, c);
					/* A unit added since is in whole, or already
					 * in kept (a 其 within). */
					if (c->count != before && c->last != c->kept.p) {
						buf_reset(&c->kept);
						buf_add(&c->kept, c->last, c->last_len);
						c->last = c->kept.p;
					}
					buf_free(&whole);
				} else {
					on_unit(r, rn, c);
				}
				return;
			}
		}
		/* Next character. */
		i += (b[i] >= 0xE0) ? 3 : 1;
	}
	add_unit(c, s, n);
}

/* A group: units with maybe a role word at the end.  Sets c->role
 * and trims s[0..*n) of what names no unit: returns 0 for a group that
 * names none at all. */
static int
group_trim(struct ctx *c, const char **s, size_t *n)
{
	int k;

	/* A deadline (2023年12月底前完成, 上半年完成) or an instruction that
	 * starts with one names no unit. */
	{
		size_t so, eo;

		if (deadline_may_start(*s, *n) && deadline_find(*s, *n, 2000, NULL, &so, &eo) && so == 0)
			return 0;
	}
	if ((k = role_suffix(*s, *n)) >= 0) {
		*n -= role_words[k].word.len;
		c->role = role_words[k].role;
	}
	/* 由市应急局牵头: the 由 goes too. */
	if (starts_with(*s, *n, "由"))
		*s += 3, *n -= 3;
	return *n > 0;
}

static void
on_group(const char *s, size_t n, void *arg)
{
	struct ctx *c = arg;
	enum role saved = c->role;
	static const struct word seps[] = {W("、"), W(",")};

	if (group_trim(c, &s, &n))
		split_top(s, n, seps, NWORDS(seps), 0, on_unit, c);
	c->role = saved;
}

/* A segment's label (责任单位：) sets the role of its groups: the
 * segment s[0..*n) loses it. */
static void
segment_label(struct ctx *c, const char **s, size_t *n)
{
	/* The label is the text before the first ：(or, in a segment
	 * with none, the first :) when that starts within 18 bytes: only
	 * the first 21 bytes are searched for ：, and the whole segment
	 * only when a : there could be the label's. */
	const char *colon = text_find(*s, *n < 21 ? *n : 21, "：", 3);
	size_t clen = 3;

	if (colon == NULL && (colon = memchr(*s, ':', *n < 19 ? *n : 19)) != NULL) {
		clen = 1;
		if (text_find(*s, *n, "：", 3) != NULL)
			colon = NULL;   /* a ：further on is the colon, too far */
	}
	c->role = ROLE_NONE;
	if (colon != NULL && colon - *s <= 18) {
		size_t l = (size_t)(colon - *s), i;
		int lead = 0, coop = 0;

		/* 牵头 anywhere in the label makes it lead, else 配合, 协办,
		 * 协助 or 参与 cooperating: one walk over its six characters
		 * at most, not five searches.  Words of whole characters
		 * match only where one starts (s is valid UTF-8). */
		for (i = 0; i + 6 <= l; i += char_len((unsigned char)(*s)[i])) {
			const char *w = *s + i;

			if (memcmp(w, "牵头", 6) == 0)
				lead = 1;
			else if (memcmp(w, "配合", 6) == 0 || memcmp(w, "协办", 6) == 0 ||
			    memcmp(w, "协助", 6) == 0 || memcmp(w, "参与", 6) == 0)
				coop = 1;
		}
		c->role = lead ? ROLE_LEAD : coop ? ROLE_COOP : ROLE_RESP;
		*n -= l + clen;
		*s = colon + clen;
	}
}

/* A segment: a label (责任单位：) and groups. */
static void
on_segment(const char *s, size_t n, void *arg)
{
	static const struct word seps[] = {W("，")};
	struct ctx *c = arg;

	segment_label(c, &s, &n);
	split_top(s, n, seps, NWORDS(seps), 1, on_group, c);
}

int
clause_parse(const char *s, size_t n, struct clause_units *u)
{
	struct ctx c;
	static const struct word seps[] = {W("；"), W(";")};

	buf_reset(&u->lead);
	buf_reset(&u->resp);
	buf_reset(&u->coop);
	buf_reset(&u->local);
	memset(&c, 0, sizeof c);
	c.u = u;
	split_top(s, n, seps, NWORDS(seps), 1, on_segment, &c);
	buf_free(&c.kept);
	return c.count;
}

void
clause_units_free(struct clause_units *u)
{
	buf_free(&u->lead);
	buf_free(&u->resp);
	buf_free(&u->coop);
	buf_free(&u->local);
}

/* Does some group of the clause (between ，and ；) end with a role word? */
static int
has_role_word(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *start = s;

	/* Both separators start with EF, the lead byte of the fullwidth
	 * forms: memchr finds the places where one may stand. */
	for (;;) {
		const char *sep = p < end ? memchr(p, 0xEF, (size_t)(end - p)) : NULL;

		if (sep == NULL) {
			return end > start && role_suffix(start, (size_t)(end - start)) >= 0;
		}
		if (end - sep >= 3 && (memcmp(sep, "，", 3) == 0 || memcmp(sep, "；", 3) == 0)) {
			if (sep > start && role_suffix(start, (size_t)(sep - start)) >= 0)
				return 1;
			start = p = sep + 3;
		} else {
			p = sep + 1;
		}
	}
}

/* Does s hold 单位：, 部门：, 单位: or 部门:?  One search for each
 * colon, and a look at what stands before it. */
static int
has_label(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while ((p = text_find(p, (size_t)(end - p), "：", 3)) != NULL) {
		if (p - s >= 6 && (memcmp(p - 6, "单位", 6) == 0 || memcmp(p - 6, "部门", 6) == 0))
			return 1;
		p += 3;
	}
	for (p = s; p < end && (p = memchr(p, ':', (size_t)(end - p))) != NULL; p++)
		if (p - s >= 6 && (memcmp(p - 6, "单位", 6) == 0 || memcmp(p - 6, "部门", 6) == 0))
			return 1;
	return 0;
}

/* How the bracketed text reads as a clause: 2 for a label or a role
 * word ending a group (strong), 1 for unit names only, 0 for none.
 * The units of one that is not strong are parsed into *u (or a local,
 * for u NULL), which the caller may keep. */
static int
clause_strength(const char *s, size_t n, struct clause_units *u)
{
	struct clause_units local = {{0}, {0}, {0}, {0}, 0};
	int k, units;

	if (n == 0)
		return 0;
	if (has_label(s, n) || text_find(s, n, "责任", 6) || has_role_word(s, n))
		return 2;
	/* Only units: each one ends like a unit name or is local. */
	if (u == NULL)
		u = &local;
	units = clause_parse(s, n, u);
	k = units > 0;
	{
		struct buf *lists[] = {&u->lead, &u->resp, &u->coop};
		int l;

		for (l = 0; l < 3 && k; l++) {
			/* An empty list has no buffer: NULL + 0 is undefined. */
			const char *p = lists[l]->p, *end = p ? p + lists[l]->len : NULL;

			while (p != NULL && p < end) {
				const char *semi = memchr(p, ';', (size_t)(end - p));
				size_t len = semi ? (size_t)(semi - p) : (size_t)(end - p);

				if (!ends_with_any(p, len, &unit_set))
					k = 0;
				p = semi ? semi + 1 : NULL;
			}
		}
	}
	clause_units_free(&local);
	return k;
}

/* Closing and opening brackets a clause may use: （）〔〕【】 (). */
static size_t
closer_before(const char *s, size_t end)
{
	if (end >= 3 && (memcmp(s + end - 3, "）", 3) == 0 || memcmp(s + end - 3, "〕", 3) == 0 ||
	    memcmp(s + end - 3, "】", 3) == 0))
		return 3;
	if (end >= 1 && s[end - 1] == ')')
		return 1;
	return 0;
}

/* Where the first opening bracket, ( （ 〔 or 【, at or after s[i] (a
 * character's start) starts, or n.  The brackets' last bytes are
 * common continuation bytes, and their first ones lead the commas and
 * stops too, so no single byte finds them: with GNU C vectors, sixteen
 * places are tested at once, each for the whole character (three
 * loads, a byte apart; a match is a lead byte, so a character's
 * start); then, or without vectors, skip[] steps over the characters
 * that cannot be one.  GZ_CLONES: the AVX2 copy does the same 16-byte
 * vectors in VEX three-operand forms (fewer moves). */
GZ_CLONES static size_t
next_opener(const char *s, size_t n, size_t i)
{
#ifdef UTF8_VEC
	/* Without a match (most blocks), two blocks are tested at once. */
	while (n - i >= 34) {
		gz_u8x16 a0, b0, c0, a1, b1, c1;
		gz_u64x2 t;

		memcpy(&a0, s + i, 16);
		memcpy(&b0, s + i + 1, 16);
		memcpy(&c0, s + i + 2, 16);
		memcpy(&a1, s + i + 16, 16);
		memcpy(&b1, s + i + 17, 16);
		memcpy(&c1, s + i + 18, 16);
		t = (gz_u64x2)(((b0 == GZ_U8X16(0xBC)) & (c0 == GZ_U8X16(0x88))) |
		    ((b0 == GZ_U8X16(0x80)) & ((c0 & GZ_U8X16(0xFB)) == GZ_U8X16(0x90))) |
		    (a0 == GZ_U8X16('(')) |
		    ((b1 == GZ_U8X16(0xBC)) & (c1 == GZ_U8X16(0x88))) |
		    ((b1 == GZ_U8X16(0x80)) & ((c1 & GZ_U8X16(0xFB)) == GZ_U8X16(0x90))) |
		    (a1 == GZ_U8X16('(')));
		if ((t[0] | t[1]) != 0)
			break;
		i += 32;
	}
	while (n - i >= 18) {
		gz_u8x16 a, b, c;
		gz_u64x2 t;
		uint64_t m;
		size_t j;

		memcpy(&a, s + i, 16);
		memcpy(&b, s + i + 1, 16);
		memcpy(&c, s + i + 2, 16);
		/* The last two bytes: （ BC 88; 〔 80 94 and 【 80 90, which
		 * differ in bit 2.  Few other characters end so; the lead
		 * is checked below. */
		t = (gz_u64x2)(((b == GZ_U8X16(0xBC)) & (c == GZ_U8X16(0x88))) |
		    ((b == GZ_U8X16(0x80)) & ((c & GZ_U8X16(0xFB)) == GZ_U8X16(0x90))) |
		    (a == GZ_U8X16('(')));
		if ((t[0] | t[1]) == 0) {
			/* i may now fall inside a character: neither the
			 * test above nor skip[] (1 at continuation bytes)
			 * minds. */
			i += 16;
			continue;
		}
		m = t[0] != 0 ? t[0] : t[1];
		j = i + (t[0] != 0 ? 0 : 8) + (size_t)__builtin_ctzll(m) / 8;
		if (s[j] == '(' || (unsigned char)s[j] == ((unsigned char)s[j + 1] == 0x80 ? 0xE3 : 0xEF))
			return j;
		i = j + 1;
	}
#endif
	while (i < n) {
		const unsigned char *u = (const unsigned char *)s + i;

		if (skip[u[0]] != 0) {
			i += skip[u[0]];
			continue;
		}
		if (u[0] == '(' || (n - i >= 3 && ((u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x88) ||
		    (u[0] == 0xE3 && u[1] == 0x80 && (u[2] == 0x94 || u[2] == 0x90)))))
			return i;
		i += char_len(u[0]);
	}
	return n;
}

#define NO_BRACKET ((size_t)-1)

/* Where the last bracket, opening or closing, that ends at or before
 * s[i] starts (s[i] a character's start), or NO_BRACKET.  With GNU C
 * vectors 32 places (then 16, near the start) are tested a step, back
 * from the end, each for the whole character: （ EF BC 88 and ） 89;
 * 〔 E3 80 94, 〕 95, 【 90, 】 91 (bits 0 and 2 free); ( 28 and ) 29.
 * A 3-byte match starts with a lead byte, so it is a whole character;
 * a block starts 34 (18) bytes back so that its characters end by i,
 * and the two bytes after it, where only ( or ) can end by i, are
 * looked at first.  The rest, or all without vectors, is walked a
 * character at a time.  (Not GZ_CLONES: inlined into clause_find, its
 * one caller, it costs less than an AVX2 copy behind a call.) */
#ifdef UTF8_VEC
/* The places k < 16 where a bracket starts at s + k (s[0] to s[17]
 * read): FF bytes. */
static inline gz_u64x2
bracket_places(const char *s)
{
	gz_u8x16 a, b, c;

	memcpy(&a, s, 16);
	memcpy(&b, s + 1, 16);
	memcpy(&c, s + 2, 16);
	return (gz_u64x2)(((a == GZ_U8X16(0xEF)) & (b == GZ_U8X16(0xBC)) &
	    ((c & GZ_U8X16(0xFE)) == GZ_U8X16(0x88))) |
	    ((a == GZ_U8X16(0xE3)) & (b == GZ_U8X16(0x80)) &
	    ((c & GZ_U8X16(0xFA)) == GZ_U8X16(0x90))) |
	    ((a & GZ_U8X16(0xFE)) == GZ_U8X16('(')));
}
#endif

static size_t
prev_bracket(const char *s, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

#ifdef UTF8_VEC
	while (i >= 34) {
		size_t p = i - 34;
		gz_u64x2 t0, t1, v;

		if (u[i - 1] == '(' || u[i - 1] == ')')
			return i - 1;
		if (u[i - 2] == '(' || u[i - 2] == ')')
			return i - 2;
		t0 = bracket_places(s + p);
		t1 = bracket_places(s + p + 16);
		v = t0 | t1;
		if ((v[0] | v[1]) != 0) {
			/* The last place found: the last nonzero quarter,
			 * its highest FF byte. */
			if (t1[1] != 0)
				return p + 24 + (size_t)(63 - __builtin_clzll(t1[1])) / 8;
			if (t1[0] != 0)
				return p + 16 + (size_t)(63 - __builtin_clzll(t1[0])) / 8;
			if (t0[1] != 0)
				return p + 8 + (size_t)(63 - __builtin_clzll(t0[1])) / 8;
			return p + (size_t)(63 - __builtin_clzll(t0[0])) / 8;
		}
		/* i may now fall inside a character (no bracket: the
		 * block tested it); the walk below steps to its lead. */
		i = p + 2;
	}
	while (i >= 18) {
		size_t p = i - 18;
		gz_u64x2 t;

		if (u[i - 1] == '(' || u[i - 1] == ')')
			return i - 1;
		if (u[i - 2] == '(' || u[i - 2] == ')')
			return i - 2;
		t = bracket_places(s + p);
		if (t[1] != 0)
			return p + 8 + (size_t)(63 - __builtin_clzll(t[1])) / 8;
		if (t[0] != 0)
			return p + (size_t)(63 - __builtin_clzll(t[0])) / 8;
		/* i may now fall inside a character (no bracket: the
		 * block tested it); the walk below steps to its lead. */
		i = p + 2;
	}
#endif
	while (i > 0) {
		size_t q = i - 1;

		/* A character led by E4-E9 (most Han text) is no
		 * bracket: s is valid UTF-8, so it ends at i. */
		if (i >= 3 && u[i - 3] >= 0xE4 && u[i - 3] <= 0xE9) {
			i -= 3;
			continue;
		}
		while (q > 0 && (u[q] & 0xC0) == 0x80)
			q--;
		if (closer_before(s, i) == i - q ||
		    (i - q == 3 && (memcmp(s + q, "（", 3) == 0 || memcmp(s + q, "〔", 3) == 0 ||
		    memcmp(s + q, "【", 3) == 0)) || (i - q == 1 && s[q] == '('))
			return q;
		i = q;
	}
	return NO_BRACKET;
}

/* s is valid UTF-8, as everything the stream reader lets through: the
 * walks below step over Han characters by their lead byte. */
int
clause_find(const char *s, size_t n, size_t *open, size_t *cso, size_t *ceo, int *closed,
    struct clause_units *units)
{
	size_t i, end = n, last_open = (size_t)-1, cw;
	int depth = 0;

	if (units != NULL)
		units->parsed = 0;

	/* A final stop after the clause stays with the text. */
	while (end >= 3 && (memcmp(s + end - 3, "。", 3) == 0 || memcmp(s + end - 3, "；", 3) == 0))
		end -= 3;
	cw = closer_before(s, end);
	*closed = cw > 0;
	if (*closed) {
		/* Walk back, from bracket to bracket, to the one that
		 * opens the final one. */
		i = end - cw;
		depth = 1;
		while ((i = prev_bracket(s, i)) != NO_BRACKET) {
			const unsigned char *u = (const unsigned char *)s + i;

			if (u[0] == ')' || (u[0] != '(' && (u[2] == 0x89 || u[2] == 0x95 || u[2] == 0x91)))
				depth++;
			else
				depth--;
			if (depth == 0)
				break;
		}
		if (depth != 0)
			return 0;
		*open = i;
		*cso = i + (s[i] == '(' ? 1 : 3);
		*ceo = end - cw;
	} else {
		/* A clause that never closes: the last top-level opening
		 * bracket whose text reads as a clause.  At depth 0 a
		 * closing bracket changes nothing, so the walk jumps to the
		 * next opening one (most paragraphs have none: one search
		 * and done); inside brackets skip[] passes over the
		 * characters that cannot be brackets. */
		i = next_opener(s, end, 0);
		while (i < end) {
			int before = depth;
			size_t b;

			if (skip[(unsigned char)s[i]] != 0) {
				i += skip[(unsigned char)s[i]];
				continue;
			}
			b = bracket_at(s, end, i, &depth);
			if (b > 0 && depth > before && before == 0)
				last_open = i;
			i += b > 0 ? b : char_len((unsigned char)s[i]);
			if (depth == 0)
				i = next_opener(s, end, i);
		}
		if (depth == 0 || last_open == (size_t)-1)
			return 0;
		*open = last_open;
		*cso = last_open + (s[last_open] == '(' ? 1 : 3);
		*ceo = end;
	}
	/* It must read as a clause; one of unit names only must also
	 * follow a sentence end (or be the whole paragraph), so that
	 * 养老院（敬老院） is no clause.  The units of one that is found
	 * so stay in units for the caller. */
	{
		int strength = clause_strength(s + *cso, *ceo - *cso, units);

		if (strength == 2)
			return 1;
		if (strength == 0)
			return 0;
		if (*open == 0 || (*open >= 3 && (memcmp(s + *open - 3, "。", 3) == 0 ||
		    memcmp(s + *open - 3, "；", 3) == 0 || memcmp(s + *open - 3, "！", 3) == 0 ||
		    memcmp(s + *open - 3, "，", 3) == 0))) {
			if (units != NULL)
				units->parsed = 1;
			return 1;
		}
		return 0;
	}
}
