/* doc.c: the parts of an official document (公文) that segment and the
 * extractors recognise: document numbers, issuing organs, titles and
 * contents entries.  The words are those of the genre (GB/T 9704), not
 * of any one gazette. */
#include <string.h>

#include "gazette.h"

/* A word and its length in bytes, so that tests at the end of a line
 * need no strlen. */
struct word {
	const char *s;
	size_t n;
};
#define W(s) {s, sizeof s - 1}

/* Document types that end a title: ……的通知, ……的决定. */
static const struct word doc_types[] = {
	W("通知"), W("决定"), W("意见"), W("批复"), W("办法"), W("公告"), W("通告"), W("通报"),
	W("报告"), W("复函"), W("函"), W("规定"), W("方案"), W("命令"), W("令"), W("决议"),
	W("细则"), W("规划"), W("纲要"), W("规则"), W("条例"), W("章程"), W("请示"), W("答复"),
	W("纪要"), W("要点"), W("计划"), W("措施"), W("规范"), W("指引"), W("标准"), W("公报"),
	W("议案"), W("清单"), W("目录"), {NULL, 0}
};

/* Endings of the names of organs that issue or sign documents. */
static const struct word organ_ends[] = {
	W("人民政府"), W("政府"), W("办公室"), W("办公厅"), W("委员会"), W("委"), W("局"), W("厅"),
	W("部"), W("院"), W("会"), W("中心"), W("办"), W("署"), W("处"), W("司"), W("所"), W("站"),
	W("队"), W("社"), W("行"), W("公司"), W("集团"), W("党组"), W("法院"), W("检察院"),
	W("管委会"), {NULL, 0}
};

/* Does s[0..n) end with w?  Its last byte, which differs most often,
 * first. */
static int
ends_with_word(const char *s, size_t n, const struct word *w)
{
	return n >= w->n && s[n - 1] == w->s[w->n - 1] && memcmp(s + n - w->n, w->s, w->n - 1) == 0;
}

static int
ends_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s + n - k, w, k) == 0;
}

/* Bracket pairs a document number may carry: 〔〕 and what OCR makes of
 * them, in case the text did not pass through ocr-clean. */
static int
open_bracket(uint32_t c)
{
	return c == 0x3014 || c == 0x3010 || c == 0xFF08 || c == '(' || c == '[' || c == 0xFF3B;
}

static int
close_bracket(uint32_t c)
{
	return c == 0x3015 || c == 0x3011 || c == 0xFF09 || c == ')' || c == ']' || c == 0xFF3D;
}

int
docnum_find(const char *s, size_t n, size_t start, struct docnum *d)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = start, len, j, k;
	uint32_t c = 0;

	while (i < n) {
		/* Most characters are passed over without a decode: ASCII
		 * other than ( and [, and U+4000-U+9FFF (leads E4-E9 and two
		 * continuation bytes), where no bracket is. */
		if (u[i] < 0x80 && u[i] != '(' && u[i] != '[') {
			i++;
			continue;
		}
		if (u[i] >= 0xE4 && u[i] <= 0xE9 && n - i >= 3 && (u[i + 1] & 0xC0) == 0x80 &&
		    (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		len = utf8_decode(u + i, n - i, &c);
		if (len == 0)
			len = 1, c = 0;
		if (!open_bracket(c)) {
			i += len;
			continue;
		}
		/* 〔YYYY〕: four digits, a closing bracket. */
		j = i + len;
		if (j + 4 > n || !(u[j] >= '0' && u[j] <= '9') || !(u[j + 1] >= '0' && u[j + 1] <= '9') ||
		    !(u[j + 2] >= '0' && u[j + 2] <= '9') || !(u[j + 3] >= '0' && u[j + 3] <= '9')) {
			i += len;
			continue;
		}
		k = j + 4;
		len = k < n ? utf8_decode(u + k, n - k, &c) : 0;
		if (len == 0 || !close_bracket(c)) {
			i++;
			continue;
		}
		k += len;
		/* The serial and 号. */
		{
			size_t m = k;
			long serial = 0;

			while (m < n && u[m] >= '0' && u[m] <= '9' && m - k < 6)
				serial = serial * 10 + (u[m++] - '0');
			if (m == k || m + 3 > n || memcmp(s + m, "号", 3) != 0) {
				i = k;
				continue;
			}
			/* The prefix: the Han characters before the bracket. */
			{
				size_t p = i, count = 0;

				while (p > start && count < 16) {
					size_t q = p - 1;
					uint32_t h;

					while (q > start && (u[q] & 0xC0) == 0x80)
						q--;
					if (utf8_decode(u + q, p - q, &h) == 0 || !uni_is_han(h))
						break;
					p = q;
					count++;
				}
				d->so = p;
				d->pso = p;
				d->peo = i;
			}
			d->year = (u[j] - '0') * 1000 + (u[j + 1] - '0') * 100 + (u[j + 2] - '0') * 10 + (u[j + 3] - '0');
			d->serial = serial;
			d->eo = m + 3;
			return 1;
		}
	}
	return 0;
}

/* A decree number, 市政府令第3号: the prefix ends in 令, no year. */
static int
decree_number(const char *s, size_t n, struct docnum *d)
{
	const char *p = text_find(s, n, "令第", 6);
	size_t i, k = 0;
	long serial = 0;

	if (p == NULL || p == s || n < 12 || memcmp(s + n - 3, "号", 3) != 0)
		return 0;
	for (i = (size_t)(p - s) + 6; i < n - 3; i++, k++) {
		if (s[i] < '0' || s[i] > '9' || k > 5)
			return 0;
		serial = serial * 10 + (s[i] - '0');
	}
	if (k == 0)
		return 0;
	for (i = 0; i < (size_t)(p - s) + 3; ) {
		uint32_t c;
		size_t len = utf8_decode((const unsigned char *)s + i, n - i, &c);

		if (len == 0 || !uni_is_han(c))
			return 0;
		i += len;
	}
	d->so = d->pso = 0;
	d->peo = (size_t)(p - s) + 3;
	d->eo = n;
	d->year = 0;
	d->serial = serial;
	return 1;
}

int
doc_is_docno_line(const char *s, size_t n, struct docnum *d)
{
	/* Both kinds end in 号: most lines are rejected here, unscanned. */
	if (n < 3 || memcmp(s + n - 3, "号", 3) != 0)
		return 0;
	if (docnum_find(s, n, 0, d) && d->so == 0 && d->eo == n && d->peo > d->pso)
		return 1;
	return decree_number(s, n, d);
}

/* Bit b of the mask is set when an ending of organ_ends has the last
 * byte 0x80 + b (all end in a character of three bytes): a paragraph
 * whose last byte is none of them names no organ, which one test tells
 * before the whole line is decoded. */
static uint64_t
organ_last_bytes(void)
{
	static uint64_t mask;
	int k;

	if (mask == 0)
		for (k = 0; organ_ends[k].s; k++)
			mask |= UINT64_C(1) << ((unsigned char)organ_ends[k].s[organ_ends[k].n - 1] & 0x3F);
	return mask;
}

int
doc_is_organ(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len, count = 0;
	uint32_t c;
	int k;

	/* 2 to 40 characters of 3 or 4 bytes; the last byte as above. */
	if (n < 6 || n > 160 || (u[n - 1] & 0xC0) != 0x80 || !(organ_last_bytes() >> (u[n - 1] & 0x3F) & 1))
		return 0;
	while (i < n) {
		/* Leads E5-E9 with two continuation bytes are U+5000-U+9FFF,
		 * Han all of them: most characters, without a decode. */
		if (u[i] >= 0xE5 && u[i] <= 0xE9 && n - i >= 3 && (u[i + 1] & 0xC0) == 0x80 &&
		    (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			count++;
			continue;
		}
		len = utf8_decode(u + i, n - i, &c);
		if (len == 0 || !(uni_is_han(c) || c == 0xFF08 || c == 0xFF09 || c == 0x3001))
			return 0;
		i += len;
		count++;
	}
	if (count < 2 || count > 40)
		return 0;
	for (k = 0; organ_ends[k].s; k++)
		if (ends_with_word(s, n, &organ_ends[k]))
			return 1;
	return 0;
}

/* The last （ in s[0..n), or NULL.  Looked for from the end, where the
 * bracketed qualifier or number is: a forward search stops at every
 * 0x88, a common continuation byte, all along the title. */
static const char *
last_paren(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = n; i >= 3; i--)
		if (u[i - 1] == 0x88 && u[i - 2] == 0xBC && u[i - 3] == 0xEF)
			return s + i - 3;
	return NULL;
}

int
doc_title_ends(const char *s, size_t n)
{
	int k;

	/* ……办法（试行）, ……方案（2024—2025年）: the type before a
	 * bracketed qualifier. */
	if (ends_with(s, n, "）")) {
		const char *open = last_paren(s, n);

		if (open != NULL)
			n = (size_t)(open - s);
	}
	for (k = 0; doc_types[k].s; k++)
		if (ends_with_word(s, n, &doc_types[k]))
			return 1;
	return 0;
}

long
doc_title_start(const char *s, size_t n)
{
	const char *p;

	/* A paragraph that ends in 。 ， or ； (most body paragraphs) holds
	 * the punctuation that rules a title out below: told by its last
	 * bytes, before any scan. */
	if (n >= 3 && (unsigned char)s[n - 3] >= 0xE3 && (memcmp(s + n - 3, "。", 3) == 0 ||
	    memcmp(s + n - 3, "，", 3) == 0 || memcmp(s + n - 3, "；", 3) == 0))
		return -1;
	/* 关于 first: most paragraphs lack it, and one scan tells. */
	p = text_find(s, n, "关于", 6);
	if (p == NULL)
		return -1;
	/* A title has no sentence punctuation; a sentence that cites one
	 * (根据省政府关于……的通知，……) does. */
	if (text_find(s, n, "，", 3) || text_find(s, n, "。", 3) || text_find(s, n, "；", 3))
		return -1;
	if (p == s)
		return 0;
	if (doc_is_organ(s, (size_t)(p - s)))
		return p - s;
	return -1;
}

int
toc_parse(const char *s, size_t n, struct tocent *e)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t end = n, i, dots = 0;
	struct docnum d;

	memset(e, 0, sizeof *e);
	/* Most lines of an issue are none, found at once. */
	if (!toc_may_be_entry(s, n)) {
		e->title_len = n;
		return 0;
	}
	/* The page: digits at the end, after a dot leader or spaces. */
	i = end;
	while (i > 0 && u[i - 1] >= '0' && u[i - 1] <= '9')
		i--;
	if (i < end && end - i <= 4 && i > 0) {
		size_t j = i;

		while (j > 0 && u[j - 1] == ' ')
			j--;
		/* A leader repeats one character: once it is decoded (its
		 * bytes u[q..j) exactly, at most 3 of them, as all leader
		 * characters are), the same bytes before it are the same
		 * character, compared without a decode. */
		const unsigned char *rep = NULL;
		size_t replen = 0, len;
		int repw = 0;

		while (j > 0) {
			size_t q = j - 1;
			uint32_t c;

			if (replen > 0 && j >= replen && u[j - 1] == rep[replen - 1] &&
			    (replen < 2 || u[j - 2] == rep[replen - 2]) &&
			    (replen < 3 || u[j - 3] == rep[replen - 3])) {
				dots += repw;
				j -= replen;
				continue;
			}
			while (q > 0 && (u[q] & 0xC0) == 0x80)
				q--;
			if ((len = utf8_decode(u + q, j - q, &c)) == 0 ||
			    !(c == 0x00B7 || c == '.' || c == 0x2026 || c == 0x22EF || c == 0xFF0E ||
			    c == 0x2022 || c == 0x30FB))
				break;
			dots += c == 0x2026 || c == 0x22EF ? 3 : 1;
			rep = u + q;
			replen = len == j - q ? len : 0;
			repw = c == 0x2026 || c == 0x22EF ? 3 : 1;
			j = q;
		}
		if (dots >= 3 || j < i) {
			e->page = 0;
			for (size_t k = i; k < end; k++)
				e->page = e->page * 10 + (u[k] - '0');
			end = j;
			while (end > 0 && u[end - 1] == ' ')
				end--;
		}
	}
	/* The document number in the last brackets. */
	e->title_len = end;
	if (end >= 3 && memcmp(s + end - 3, "）", 3) == 0) {
		const char *open = last_paren(s, end);

		if (open != NULL) {
			size_t so = (size_t)(open - s) + 3, eo = end - 3;

			if (doc_is_docno_line(s + so, eo - so, &d)) {
				e->docno_off = so;
				e->docno_len = eo - so;
				e->title_len = (size_t)(open - s);
			}
		}
	}
	return e->page > 0 || e->docno_len > 0;
}

int
doc_parse_header(const char *s, size_t n, struct gzheader *h)
{
	static struct rx rx;
	static int compiled;
	size_t so, eo;

	if (!compiled) {
		/* Gazette name, year and issue, maybe the section:
		 * X市人民政府公报2024·2市政府文件 (spaces gone),
		 * Y市人民政府公报2023年第5期. */
		rx_must(&rx, "^(\\p{Han}{2,30}?(?:公报|政报))((?:19|20)\\d{2})"
		    "(?:[·.．・•\\-－—/]|年第?)(\\d{1,3})期?([\\p{Han}（）]{0,24})$", 0);
		compiled = 1;
	}
	/* Necessary for a match, and cheap: a Han character first (\p{Han}
	 * starts at U+2E80, lead byte E2), room for two of them, 公报 or
	 * 政报, four digits and an issue number, and 报 itself. */
	if (n > 160 || n < 6 + 6 + 4 + 1 + 1 || (unsigned char)s[0] < 0xE2 ||
	    text_find(s, n, "报", 3) == NULL || rx_match(&rx, s, n, 0) <= 0)
		return 0;
	rx_group(&rx, 1, &h->name_so, &h->name_eo);
	rx_group(&rx, 2, &so, &eo);
	h->year = (int)cn_number(s + so, eo - so, &so);
	rx_group(&rx, 3, &so, &eo);
	h->issue = (int)cn_number(s + so, eo - so, &so);
	if (!rx_group(&rx, 4, &h->sec_so, &h->sec_eo))
		h->sec_so = h->sec_eo = 0;
	return 1;
}

/* Reads Chinese numerals or up to three digits at s[i]; returns the
 * value (-1 for none) and sets *end past them. */
static long
enum_number(const char *s, size_t n, size_t i, size_t *end)
{
	size_t used;
	long v = cn_number(s + i, n - i, &used);

	if (v < 0 || used == 0 || used > 12)
		return -1;
	*end = i + used;
	return v;
}

int
doc_enumerator(const char *s, size_t n, struct enumr *e)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, end, len;
	uint32_t c, d;
	long v;

	memset(e, 0, sizeof *e);
	len = n ? utf8_decode(u, n, &c) : 0;
	if (len == 0)
		return 0;
	if (c >= 0x2460 && c <= 0x2473) {        /* ① … ⑳ */
		e->level = 5;
		e->num[0] = (int)(c - 0x2460 + 1);
		e->len = len;
		return 1;
	}
	if (c == 0xFF08 || c == '(') {           /* （一） （1） */
		v = enum_number(s, n, len, &end);
		if (v <= 0 || end >= n)
			return 0;
		i = end;
		len = utf8_decode(u + i, n - i, &d);
		if (len == 0 || (d != 0xFF09 && d != ')'))
			return 0;
		{
			/* （1） is a level below （一）. */
			unsigned char first = u[c == '(' ? 1 : 3];

			e->level = first >= '0' && first <= '9' ? 4 : 2;
		}
		e->num[0] = (int)v;
		e->len = i + len;
		return 1;
	}
	if (c == 0x7B2C) {                       /* 第一章 第一节 第一条 */
		v = enum_number(s, n, 3, &end);
		if (v <= 0 || end + 3 > n)
			return 0;
		if (memcmp(s + end, "章", 3) == 0)
			e->level = 1;
		else if (memcmp(s + end, "节", 3) == 0)
			e->level = 2;
		else if (memcmp(s + end, "条", 3) == 0)
			e->level = 3;
		else
			return 0;
		e->num[0] = (int)v;
		e->len = end + 3;
		return 1;
	}
	if (c >= '0' && c <= '9') {              /* 1． 1. 1、 2.3.7 */
		int k = 0;

		i = 0;
		for (;;) {
			long x = 0;
			size_t st = i;

			while (i < n && u[i] >= '0' && u[i] <= '9' && i - st < 3)
				x = x * 10 + (u[i++] - '0');
			if (i == st)
				break;
			e->num[k++] = (int)x;
			if (k < 6 && i + 1 < n && u[i] == '.' && u[i + 1] >= '0' && u[i + 1] <= '9') {
				i++;
				continue;
			}
			break;
		}
		if (k == 0)
			return 0;
		if (k > 1) {                         /* 2.3.7 宣传报道组 */
#define U(s) {s, sizeof(s) - 1}
			static const struct {
				const char *w;
				size_t len;
			} units[] = {U("万"), U("亿"), U("元"), U("千"), U("百"), U("%"), U("倍"), U("个"),
			    U("吨"), U("米"), U("平"), U("公"), U("岁"), U("年"), U("月"), U("日"), U("小时"),
			    U("天"), U("级"), U("度"), U("次")};
#undef U
			size_t w;

			/* 3.5亿元 is a number.  The first byte turns most
			 * units away without a call. */
			for (w = 0; k == 2 && w < sizeof units / sizeof units[0]; w++)
				if (i + units[w].len <= n && s[i] == units[w].w[0] &&
				    memcmp(s + i, units[w].w, units[w].len) == 0)
					return 0;
			e->level = -k;
			e->len = i;
			if (i < n && u[i] == ' ')
				e->len++;
			return 1;
		}
		if (i + 3 <= n && (memcmp(s + i, "．", 3) == 0 || memcmp(s + i, "、", 3) == 0))
			e->len = i + 3;
		else if (i < n && u[i] == '.')
			e->len = i + 1;
		else
			return 0;
		if (e->len < n && u[e->len] >= '0' && u[e->len] <= '9')
			return 0;                        /* 3.5 is a number */
		e->level = 3;
		return 1;
	}
	if (!cn_numeral(c))                      /* most paragraphs */
		return 0;
	v = enum_number(s, n, 0, &end);          /* 一、 */
	if (v > 0 && end + 3 <= n && memcmp(s + end, "、", 3) == 0) {
		e->level = 1;
		e->num[0] = (int)v;
		e->len = end + 3;
		return 1;
	}
	return 0;
}

/* Appends v >= 0 in decimal, as printf("%ld") would. */
static void
add_decimal(struct buf *out, long v)
{
	char d[24], *q = d + sizeof d;

	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_add(out, q, (size_t)(d + sizeof d - q));
}

void
docnum_canon_found(const char *s, size_t n, const struct docnum *d, struct buf *out)
{
	if (d != NULL && d->year > 0) {
		/* PREFIX〔YEAR〕SERIAL号; year and serial are digits read
		 * by docnum_find, never negative. */
		buf_add(out, s + d->pso, d->peo - d->pso);
		buf_add(out, "〔", 3);
		add_decimal(out, d->year);
		buf_add(out, "〕", 3);
		add_decimal(out, d->serial);
		buf_add(out, "号", 3);
	} else {
		buf_add(out, s, n);
	}
}

void
docnum_canon(const char *s, size_t n, struct buf *out)
{
	struct docnum d;

	docnum_canon_found(s, n, docnum_find(s, n, 0, &d) ? &d : NULL, out);
}

/* Characters of UTF-8 text: the bytes that are not continuation bytes
 * (10xxxxxx, -128..-65 as signed bytes).  With GNU C vectors, sixteen
 * bytes at a time, four vectors a step: a comparison gives -1 in each
 * byte that is one, and acc counts them per byte over at most 60 steps
 * and 3 more vectors and the end (244 at most: no carry), summed at the
 * end; the last 1-15 bytes are the end of one more vector, the bytes
 * before them (counted already) masked off.  Text under sixteen bytes,
 * or without GNU C vectors, is read eight bytes at a time: in a word w,
 * bit 7 of a byte and not its bit 6 (bit 7 of w << 1, whatever the
 * byte order) marks a continuation byte; the marks, moved to bit 0 of
 * each byte, add up per byte in acc over at most 31 words (248 in all:
 * no carry), and the multiplication sums the eight bytes into the top
 * one. */
size_t
doc_nchars(const char *s, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	size_t i = 0, cont = 0;

#ifdef UTF8_VEC
	typedef signed char s8x16 __attribute__((vector_size(16)));
	typedef unsigned char u8x16 __attribute__((vector_size(16)));
	typedef uint64_t u64x2 __attribute__((vector_size(16)));
	const uint64_t ones16 = UINT64_C(0x0001000100010001);
	const u64x2 lo16 = {UINT64_C(0x00FF00FF00FF00FF), UINT64_C(0x00FF00FF00FF00FF)};
	const s8x16 top = {-65, -65, -65, -65, -65, -65, -65, -65,
	    -65, -65, -65, -65, -65, -65, -65, -65};
	const s8x16 idx = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

	while (n - i >= 16) {
		size_t k = (n - i) / 64, j;
		u8x16 acc = {0};
		s8x16 v, v2, v3, v4;
		u64x2 a;
		uint64_t h;

		if (k > 60)
			k = 60;
		for (; k > 0; k--, i += 64) {    /* 4 a byte at most */
			memcpy(&v, s + i, 16);
			memcpy(&v2, s + i + 16, 16);
			memcpy(&v3, s + i + 32, 16);
			memcpy(&v4, s + i + 48, 16);
			acc -= ((u8x16)(v <= top) + (u8x16)(v2 <= top)) +
			    ((u8x16)(v3 <= top) + (u8x16)(v4 <= top));
		}
		for (j = 0; j < 3 && n - i >= 16; j++, i += 16) {
			memcpy(&v, s + i, 16);
			acc -= (u8x16)(v <= top);
		}
		if (i < n && n - i < 16) {
			/* Byte j of the last sixteen is new when j >= 16 - left. */
			memcpy(&v, s + n - 16, 16);
			acc -= (u8x16)((v <= top) & (idx >= (s8x16){0} + (signed char)(16 - (n - i))));
			i = n;
		}
		/* The sixteen byte counts (up to 244): pairs into 16-bit
		 * lanes, then the multiplication sums the lanes of each
		 * half into its top one. */
		memcpy(&a, &acc, 16);
		a = (a & lo16) + ((a >> 8) & lo16);
		h = a[0] + a[1];
		cont += (size_t)((h * ones16) >> 48);
	}
#endif
	{
		const uint64_t hi = UINT64_C(0x8080808080808080);

		while (n - i >= 8) {
			size_t k = (n - i) / 8;
			uint64_t acc = 0;

			if (k > 31)
				k = 31;
			for (; k >= 2; k -= 2, i += 16) {
				uint64_t w, w2;

				memcpy(&w, s + i, 8);
				memcpy(&w2, s + i + 8, 8);
				acc += ((w & ~(w << 1) & hi) >> 7) + ((w2 & ~(w2 << 1) & hi) >> 7);
			}
			if (k > 0) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				acc += (w & ~(w << 1) & hi) >> 7;
				i += 8;
			}
			cont += (size_t)((acc * ones) >> 56);
		}
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return n - cont;
}
